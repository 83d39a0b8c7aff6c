package io.holdfast.backup.storage;

/**
 * What an admin submits to add or change a storage.
 *
 * @param bandwidthMBps a limit in MB/s for this storage's transfers, or null for none
 * @param parallelJobs  at most this many jobs use the storage at once
 * @param encrypted     datastore encryption (AES-256-GCM with a key the plugin generates); fixed once created
 */
public record StorageForm(String name, boolean enabled, StorageSettings settings, StorageSecrets secrets,
                          Integer bandwidthMBps, int parallelJobs, boolean encrypted) {
}
