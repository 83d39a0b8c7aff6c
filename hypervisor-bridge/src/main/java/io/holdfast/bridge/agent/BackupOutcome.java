package io.holdfast.bridge.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A committed snapshot.
 *
 * @param incremental whether a dirty bitmap chose the blocks read (false: every allocated block was read)
 * @param notes       sentences for the task log and the catalog (e.g. why every block was read)
 */
public record BackupOutcome(String snapshot, Instant createdAt, boolean incremental, List<DiskSize> disks, long bytesRead,
                            long bytesStored, Duration duration, List<String> notes) {

    public record DiskSize(String name, long sizeBytes) {
    }

    public BackupOutcome {
        disks = List.copyOf(disks);
        notes = List.copyOf(notes);
    }

    public long diskBytes() {
        return disks.stream().mapToLong(DiskSize::sizeBytes).sum();
    }
}
