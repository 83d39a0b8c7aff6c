package io.holdfast.bridge.mirror;

/** A mirror cannot go on; the message is one sentence for the task log. */
public class MirrorException extends RuntimeException {

    public MirrorException(String message) {
        super(message);
    }
}
