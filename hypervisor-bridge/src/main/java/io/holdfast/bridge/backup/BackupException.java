package io.holdfast.bridge.backup;

/** A backup failed; it left no snapshot, no new checkpoint and no libvirt job behind. */
public class BackupException extends RuntimeException {

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }

    public BackupException(String message) {
        super(message);
    }
}
