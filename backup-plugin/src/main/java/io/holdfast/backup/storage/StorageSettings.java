package io.holdfast.backup.storage;

import io.holdfast.bridge.remote.RemoteConfig;

/**
 * The non-secret fields of a storage, by kind (unused fields null). Stored as JSON in the clear and shown
 * to admins when they edit.
 *
 * @param path              Local: the absolute folder on the hypervisor (NFS/SMB mounts included)
 * @param prefix            SFTP, FTP, S3, Rclone: the folder (key prefix) the datastore lives in
 * @param pinnedFingerprint SFTP: the host key; FTPS: the certificate — shown at the first Test, pinned on save
 */
public record StorageSettings(StorageKind kind, String path, String host, Integer port, String username,
                              String prefix, RemoteConfig.FtpSecurity ftpSecurity, String endpoint, String bucket,
                              String region, String accessKey, Boolean pathStyle, String rcloneRemote,
                              String pinnedFingerprint) {

    public static StorageSettings local(String path) {
        return new StorageSettings(StorageKind.LOCAL, path, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static StorageSettings sftp(String host, int port, String username, String prefix, String pinnedFingerprint) {
        return new StorageSettings(StorageKind.SFTP, null, host, port, username, prefix, null, null, null, null, null, null, null,
                pinnedFingerprint);
    }

    public static StorageSettings ftp(String host, int port, String username, String prefix, RemoteConfig.FtpSecurity security,
                                      String pinnedFingerprint) {
        return new StorageSettings(StorageKind.FTP, null, host, port, username, prefix, security, null, null, null, null, null,
                null, pinnedFingerprint);
    }

    public static StorageSettings s3(String endpoint, String bucket, String region, String accessKey, String prefix,
                                     boolean pathStyle) {
        return new StorageSettings(StorageKind.S3, null, null, null, null, prefix, null, endpoint, bucket, region, accessKey,
                pathStyle, null, null);
    }

    public static StorageSettings rclone(String remote, String prefix) {
        return new StorageSettings(StorageKind.RCLONE, null, null, null, null, prefix, null, null, null, null, null, null,
                remote, null);
    }

    public StorageSettings withPinnedFingerprint(String fingerprint) {
        return new StorageSettings(kind, path, host, port, username, prefix, ftpSecurity, endpoint, bucket, region, accessKey,
                pathStyle, rcloneRemote, fingerprint);
    }

    /** Whether this storage's server identity is pinned on save (SFTP host key, FTPS certificate). */
    public boolean pinsServerIdentity() {
        return kind == StorageKind.SFTP || (kind == StorageKind.FTP && ftpSecurity != null && ftpSecurity != RemoteConfig.FtpSecurity.NONE);
    }

    /** Where the datastore is, for lists and messages (no secret). */
    public String where() {
        return switch (kind) {
            case LOCAL -> path;
            case SFTP -> "sftp://" + username + "@" + host + ":" + port + "/" + nz(prefix);
            case FTP -> (ftpSecurity == RemoteConfig.FtpSecurity.NONE ? "ftp" : "ftps") + "://" + username + "@" + host + ":" + port + "/" + nz(prefix);
            case S3 -> "s3://" + bucket + "/" + nz(prefix) + (endpoint == null || endpoint.isBlank() ? "" : " at " + endpoint);
            case RCLONE -> rcloneRemote + ":" + nz(prefix);
        };
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
