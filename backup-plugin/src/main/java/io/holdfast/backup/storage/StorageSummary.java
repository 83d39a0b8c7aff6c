package io.holdfast.backup.storage;

import java.util.List;

/**
 * A storage as the admin page lists it: no secret, only whether each is set.
 *
 * @param keyFingerprint the datastore key's fingerprint (encrypted storages), never the key
 * @param hypervisors    names of the hypervisors it is assigned to ("(default)" marks where it is the default)
 */
public record StorageSummary(long id, String name, StorageKind kind, boolean enabled, String where, boolean encrypted,
                             String keyFingerprint, Integer bandwidthMBps, int parallelJobs, StorageSettings settings,
                             boolean hasPassword, boolean hasPrivateKey, boolean hasSecretKey, long snapshots,
                             List<String> hypervisors) {
}
