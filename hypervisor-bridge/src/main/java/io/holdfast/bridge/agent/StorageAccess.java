package io.holdfast.bridge.agent;

import io.holdfast.bridge.remote.RemoteConfig;

/**
 * A storage as a job hands it to a bridge: where the datastore is, its secrets and key, and its limits. It
 * lives only as long as the job; {@code toString} shows no secret.
 *
 * @param remote                  the datastore's remote (secrets included)
 * @param sftpPrivateKey          an SFTP private key (OpenSSH text) instead of a password, or null
 * @param datastoreKey            the datastore key (base64) of an encrypted storage, or null
 * @param bandwidthBytesPerSecond 0 = unlimited
 */
public record StorageAccess(String name, RemoteConfig remote, String sftpPrivateKey, String datastoreKey,
                            long bandwidthBytesPerSecond) {

    @Override
    public String toString() {
        return "StorageAccess[" + name + ", " + remote.describe() + ", privateKey=" + (sftpPrivateKey == null ? "no" : "yes")
                + ", encrypted=" + (datastoreKey != null) + ", bandwidth=" + bandwidthBytesPerSecond + "]";
    }
}
