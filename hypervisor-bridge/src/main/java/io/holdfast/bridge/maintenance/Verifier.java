package io.holdfast.bridge.maintenance;

import io.holdfast.bridge.datastore.ChunkBuffers;
import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.DatastoreException;
import io.holdfast.bridge.datastore.Digest;
import io.holdfast.bridge.datastore.FixedIndex;
import io.holdfast.bridge.datastore.FormatV1;
import io.holdfast.bridge.datastore.Manifest;
import io.holdfast.bridge.datastore.SnapshotId;
import io.holdfast.bridge.progress.Cancellation;
import io.holdfast.bridge.progress.ProgressListener;
import io.holdfast.bridge.progress.ProgressMeter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import io.holdfast.bridge.work.ParallelWork;

/**
 * Re-reads every blob the chosen snapshots reference and checks it against its digest. A missing or
 * corrupt blob marks every snapshot of the datastore that uses it, not only the ones checked. A blob that
 * reads corrupt twice is moved aside ({@link Datastore#quarantineChunk}): missing, it is stored again by the
 * next backup or mirror that has its block.
 */
public final class Verifier {

    private static final int WORKERS = 4;

    private final Datastore datastore;

    public Verifier(Datastore datastore) {
        this.datastore = datastore;
    }

    /** Verifies {@code snapshots}; all of the datastore's when empty. */
    public VerifyReport verify(List<SnapshotId> snapshots, ProgressListener listener, Cancellation cancel) {
        List<SnapshotId> all = datastore.snapshots();
        List<SnapshotId> chosen = snapshots.isEmpty() ? all : snapshots;
        Map<SnapshotId, String> damaged = new TreeMap<>();
        Set<Digest> digests = new LinkedHashSet<>();
        for (SnapshotId id : chosen) {
            try {
                digests.addAll(storedDigests(datastore.manifest(id)));
            } catch (DatastoreException e) {
                damaged.put(id, e.getMessage());
            }
        }
        Map<String, String> bad = new ConcurrentHashMap<>();
        List<Digest> list = new ArrayList<>(digests);
        ProgressMeter meter = new ProgressMeter(listener, "verifying", (long) list.size() * FormatV1.CHUNK_SIZE);
        ParallelWork.run("verify", WORKERS, list.size(), ChunkBuffers::new, cancel, (buffers, i) -> {
            Digest d = list.get(i);
            try {
                meter.add(datastore.readChunk(d, buffers).remaining());
            } catch (DatastoreException.CorruptChunk e) {
                bad.put(d.hex(), e.isMissing() ? "missing" : "corrupt");
                if (!e.isMissing() && stillCorrupt(d, buffers)) {
                    datastore.quarantineChunk(d.hex());
                }
            } catch (RuntimeException e) {
                bad.put(d.hex(), "unreadable: " + e.getMessage());
            }
        });
        cancel.check();
        meter.finish();
        if (!bad.isEmpty()) {
            for (SnapshotId id : all) {
                if (damaged.containsKey(id)) {
                    continue;
                }
                try {
                    long uses = storedDigests(datastore.manifest(id)).stream().filter(d -> bad.containsKey(d.hex())).count();
                    if (uses > 0) {
                        damaged.put(id, "uses " + uses + " missing or corrupt chunk(s)");
                    }
                } catch (DatastoreException e) {
                    damaged.put(id, e.getMessage());
                }
            }
        }
        return new VerifyReport(chosen.size(), list.size(), new TreeMap<>(bad), damaged);
    }

    /** Read once more before a chunk is moved away, so a read that went wrong on the way costs nothing. */
    private boolean stillCorrupt(Digest d, ChunkBuffers buffers) {
        try {
            datastore.readChunk(d, buffers);
            return false;
        } catch (DatastoreException.CorruptChunk e) {
            return !e.isMissing();
        }
    }

    private Set<Digest> storedDigests(Manifest manifest) {
        Set<Digest> set = new LinkedHashSet<>();
        for (Manifest.DiskEntry disk : manifest.disks()) {
            FixedIndex index = datastore.index(manifest, disk);
            set.addAll(index.storedDigests());
        }
        return set;
    }
}
