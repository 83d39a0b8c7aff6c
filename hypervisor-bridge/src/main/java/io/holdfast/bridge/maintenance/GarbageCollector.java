package io.holdfast.bridge.maintenance;

import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.Digest;
import io.holdfast.bridge.datastore.FixedIndex;
import io.holdfast.bridge.datastore.Manifest;
import io.holdfast.bridge.datastore.SnapshotId;
import io.holdfast.bridge.remote.RemoteEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Removes chunks that no committed snapshot references, and the folders failed backups left. A chunk
 * newer than the oldest backup still running (or than the collection's own start) is never removed: a
 * running backup may be about to reference it, and backups touch the chunks they reuse. The cut-off is
 * moved back by a margin for clock differences between this host and the remote.
 */
public final class GarbageCollector {

    static final Duration CLOCK_MARGIN = Duration.ofMinutes(5);

    private final Datastore datastore;

    public GarbageCollector(Datastore datastore) {
        this.datastore = datastore;
    }

    public GcReport collect(boolean dryRun) {
        Instant start = Instant.now();
        Optional<Instant> oldestRunning = datastore.oldestRunning();
        Instant cutoff = oldestRunning.filter(t -> t.isBefore(start)).orElse(start).minus(CLOCK_MARGIN);

        Set<Digest> referenced = new HashSet<>();
        for (SnapshotId id : datastore.snapshots()) {
            Manifest m = datastore.manifest(id);
            for (Manifest.DiskEntry disk : m.disks()) {
                FixedIndex index = datastore.index(m, disk);
                referenced.addAll(index.storedDigests());
            }
        }
        int unfinished = 0;
        for (SnapshotId id : datastore.uncommitted()) {
            if (id.startedAt().isBefore(cutoff)) {
                unfinished++;
                if (!dryRun) {
                    datastore.abandon(id);
                }
            }
        }
        int removed = 0;
        int young = 0;
        long bytes = 0;
        for (RemoteEntry chunk : datastore.listChunks()) {
            Digest d;
            try {
                d = Digest.ofHex(chunk.name());
            } catch (IllegalArgumentException notAChunk) {
                continue;
            }
            if (referenced.contains(d)) {
                continue;
            }
            if (!chunk.modified().isBefore(cutoff)) {
                young++;
                continue;
            }
            // look again right before deleting: a backup may have touched it since the listing
            Optional<RemoteEntry> fresh = datastore.remote().stat(io.holdfast.bridge.datastore.FormatV1.chunkPath(chunk.name()));
            if (fresh.isEmpty() || !fresh.get().modified().isBefore(cutoff)) {
                young++;
                continue;
            }
            removed++;
            bytes += chunk.size();
            if (!dryRun) {
                datastore.deleteChunk(chunk.name());
            }
        }
        return new GcReport(referenced.size(), removed, bytes, young, unfinished, dryRun);
    }
}
