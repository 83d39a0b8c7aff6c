package io.holdfast.bridge.restore;

/** A restore failed; the target it was writing has been removed, the current disk is untouched. */
public class RestoreException extends RuntimeException {

    public RestoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public RestoreException(String message) {
        super(message);
    }
}
