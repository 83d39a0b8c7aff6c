package io.holdfast.host.inventory;

/** A hypervisor or instance operation that failed; the message is one sentence for the UI. */
public class InventoryException extends RuntimeException {

    public InventoryException(String message) {
        super(message);
    }

    public InventoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
