package io.holdfast.backup.mirror;

/** A mirror request refused; the message is one sentence for the UI. */
public class MirrorException extends RuntimeException {

    private final boolean notFound;

    public MirrorException(String message) {
        this(message, false);
    }

    private MirrorException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    /** What was asked for does not exist (or is not the caller's to see). */
    public static MirrorException notFound(String message) {
        return new MirrorException(message, true);
    }

    public boolean isNotFound() {
        return notFound;
    }
}
