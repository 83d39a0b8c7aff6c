package io.holdfast.bridge.daemon;

/** The daemon cannot start or serve (its state folder, certificate or port); the message says what to fix. */
public final class DaemonException extends RuntimeException {

    public DaemonException(String message) {
        super(message);
    }

    public DaemonException(String message, Throwable cause) {
        super(message, cause);
    }
}
