package io.holdfast.bridge.nbd;

/** An NBD connection or command failed; the message names the server and what it said. */
public class NbdException extends RuntimeException {

    public NbdException(String message) {
        super(message);
    }

    public NbdException(String message, Throwable cause) {
        super(message, cause);
    }
}
