package io.holdfast.backup.sequence;

/** A sequence request refused; the message is one sentence for the UI. */
public class SequenceException extends RuntimeException {

    private final boolean notFound;

    public SequenceException(String message) {
        this(message, false);
    }

    private SequenceException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    /** What was asked for does not exist (or is not the caller's to see). */
    public static SequenceException notFound(String message) {
        return new SequenceException(message, true);
    }

    public boolean isNotFound() {
        return notFound;
    }
}
