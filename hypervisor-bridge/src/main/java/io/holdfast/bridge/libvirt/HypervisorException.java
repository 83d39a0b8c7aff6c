package io.holdfast.bridge.libvirt;

/** libvirt refused or failed; the message says which domain and what libvirt said. */
public class HypervisorException extends RuntimeException {

    public HypervisorException(String message) {
        super(message);
    }

    public HypervisorException(String message, Throwable cause) {
        super(message, cause);
    }
}
