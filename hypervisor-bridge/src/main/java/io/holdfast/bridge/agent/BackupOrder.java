package io.holdfast.bridge.agent;

/**
 * A backup to run on a hypervisor.
 *
 * @param fullRead   read every allocated block even when a usable bitmap exists
 * @param allDisks   every file-backed disk; false = the primary (first) disk only
 * @param tenant     a label for the manifest (the owning tenant's id), may be null
 * @param jobRef     names the backup's traces (running marker, job folder) so {@link Bridge#recover} can remove them
 */
public record BackupOrder(StorageAccess storage, String domainUuid, boolean fullRead, boolean allDisks, String tenant,
                          String jobRef) {
}
