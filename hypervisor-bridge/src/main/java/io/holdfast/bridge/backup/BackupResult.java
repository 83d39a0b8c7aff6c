package io.holdfast.bridge.backup;

import io.holdfast.bridge.datastore.SnapshotId;

import java.time.Duration;
import java.util.List;

/**
 * What a backup did.
 *
 * @param bytesRead   bytes read from the VM's disks
 * @param bytesStored bytes of new blobs written to the datastore (after compression)
 * @param notes       sentences for the task log (e.g. why every block was read)
 */
public record BackupResult(SnapshotId snapshot, String type, long bytesRead, long bytesStored, int chunksRead,
                           int chunksNew, int chunksZero, int chunksReused, Duration duration, String checkpoint,
                           List<String> notes) {
}
