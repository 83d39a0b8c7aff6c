package io.holdfast.backup.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One snapshot the plugin knows, in step with its datastore.
 *
 * @param snapshot     the datastore's snapshot id ({@code <instance-uuid>/<time>})
 * @param incremental  whether a dirty bitmap chose what was read (false: a full read)
 * @param bytesRead    bytes read from the VM's disks
 * @param bytesStored  new bytes the datastore stored for it (after dedup and compression)
 * @param verifyState  UNVERIFIED, OK or DAMAGED
 * @param notes        why a full read happened, and other remarks of the backup
 * @param manual       made by hand (or before a restore), not by a policy's schedule
 * @param copyOf       a mirror's copy: the catalog id of the snapshot it was copied from; null for an original
 */
public record SnapshotEntry(long id, long storageId, long instanceId, Long tenantId, String instanceUuid, String snapshot,
                            boolean incremental, List<String> disks, long diskBytes, long bytesRead, long bytesStored,
                            Duration duration, Instant createdAt, boolean isProtected, String verifyState,
                            Instant verifiedAt, String notes, boolean manual, Long copyOf) {

    public SnapshotEntry {
        disks = List.copyOf(disks);
    }

    public boolean isCopy() {
        return copyOf != null;
    }
}
