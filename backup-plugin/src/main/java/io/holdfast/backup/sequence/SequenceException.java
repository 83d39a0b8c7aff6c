package io.holdfast.backup.sequence;

/** A sequence request refused; the message is one sentence for the UI. */
public class SequenceException extends RuntimeException {

    public SequenceException(String message) {
        super(message);
    }
}
