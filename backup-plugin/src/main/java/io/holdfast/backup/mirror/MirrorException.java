package io.holdfast.backup.mirror;

/** A mirror request refused; the message is one sentence for the UI. */
public class MirrorException extends RuntimeException {

    public MirrorException(String message) {
        super(message);
    }
}
