package io.holdfast.backup.storage;

/** The kinds of backup storage, as providers know them from hosting panels. */
public enum StorageKind {
    LOCAL("Local folder"), SFTP("SFTP"), FTP("FTP / FTPS"), S3("S3-compatible"), RCLONE("Rclone remote");

    private final String label;

    StorageKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
