package io.holdfast.bridge.agent;

/** An operation on a hypervisor failed; the message is one sentence for the task log and the UI. */
public class BridgeException extends RuntimeException {

    public BridgeException(String message) {
        super(message);
    }

    public BridgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
