package io.holdfast.bridge.mirror;

import io.holdfast.bridge.datastore.ChunkBuffers;
import io.holdfast.bridge.datastore.ChunkCodec;
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
import io.holdfast.bridge.work.ParallelWork;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mirrors snapshots from a source datastore to a destination datastore (see {@code docs/format.md},
 * "Mirrors"). Per snapshot: every distinct block of every disk is looked up at the destination, and only a
 * missing one is read from the source, checked against its digest and written; then the indexes, then the
 * manifest — so a snapshot is visible at the destination only once complete, and a run cut off half-way
 * leaves chunks the next run finds there and does not send again. With the same key at both ends (or
 * none), blobs are copied as stored; with different keys, each block is decrypted, digested with the
 * destination's key and encrypted again, and the indexes are rewritten with the new digests.
 */
public final class MirrorEngine {

    private final Datastore source;
    private final Datastore destination;
    private final boolean sameKey;

    public MirrorEngine(Datastore source, Datastore destination) {
        if (source.config().id().equals(destination.config().id())) {
            throw new MirrorException("The source and the destination are the same datastore (" + source.config().id() + ").");
        }
        this.source = source;
        this.destination = destination;
        this.sameKey = Objects.equals(source.config().keyFingerprint(), destination.config().keyFingerprint());
    }

    /** Per worker: the source's read buffers and, when re-keying, the blob it encodes for the destination. */
    private record Buffers(ChunkBuffers read, ByteBuffer encoded) {
    }

    private final class Run {
        final AtomicLong chunksSent = new AtomicLong();
        final AtomicLong bytesSent = new AtomicLong();
        final AtomicLong chunksFound = new AtomicLong();
        final ProgressMeter meter;
        final Cancellation cancel;
        volatile String label = "mirroring";
        final int workers = Math.max(2, Math.min(source.remote().transfersInFlight(), destination.remote().transfersInFlight()));
        /**
         * A destination this run's datastore object has just created holds only what this run sends: it is
         * not asked about each chunk (a round trip each, a HEAD on S3), only this set is.
         */
        final java.util.Set<Digest> sentToNew = destination.claimNewlyCreated() ? java.util.concurrent.ConcurrentHashMap.newKeySet() : null;

        Run(ProgressListener listener, Cancellation cancel) {
            this.meter = new ProgressMeter(listener, "mirroring", 0);
            this.cancel = cancel;
        }
    }

    public MirrorReport mirror(MirrorRequest request, ProgressListener listener, Cancellation cancel) {
        long started = System.nanoTime();
        Run run = new Run(listener, cancel);
        List<SnapshotId> mirrored = new ArrayList<>();
        List<SnapshotId> alreadyThere = new ArrayList<>();
        List<SnapshotId> repaired = new ArrayList<>();
        Map<SnapshotId, String> refused = new LinkedHashMap<>();
        Map<SnapshotId, Long> sentBySnapshot = new LinkedHashMap<>();
        // oldest first per instance, so each snapshot's re-key pairs serve the next one of its instance
        List<SnapshotId> ordered = request.snapshots().stream().distinct().sorted().toList();
        DigestPairs pairs = new DigestPairs();
        String pairsOf = null;
        destination.markRunning(request.jobRef(), Instant.now());
        try {
            for (int k = 0; k < ordered.size(); k++) {
                cancel.check();
                SnapshotId id = ordered.get(k);
                if (!id.instanceUuid().equals(pairsOf)) {
                    pairs.clear();
                    pairsOf = id.instanceUuid();
                }
                Manifest manifest;
                Optional<Manifest> there;
                try {
                    manifest = source.manifest(id);
                    there = destination.findManifest(id);
                } catch (DatastoreException e) {
                    refused.put(id, sentence(e));
                    continue;
                }
                boolean repair = there.isPresent() && request.repair().contains(id);
                if (there.isPresent() && !repair) {
                    alreadyThere.add(id);
                    continue;
                }
                run.label = "mirroring " + id + " (" + (k + 1) + " of " + ordered.size() + ")";
                long sentBefore = run.bytesSent.get();
                try {
                    if (repair) {
                        repair(manifest, there.get(), pairs, run);
                        repaired.add(id);
                    } else {
                        if (!sameKey) {
                            seedFromLastMirrored(id, pairs);
                        }
                        copy(manifest, pairs, run);
                        mirrored.add(id);
                    }
                    sentBySnapshot.put(id, run.bytesSent.get() - sentBefore);
                } catch (DatastoreException.CorruptChunk e) {
                    refused.put(id, "not mirrored: " + sentence(e) + " at the source");
                    pairs.clear();
                    abandon(id, repair);
                } catch (DatastoreException e) {
                    refused.put(id, "not mirrored: " + sentence(e));
                    pairs.clear();
                    abandon(id, repair);
                } catch (RuntimeException e) {
                    abandon(id, repair);
                    throw e;
                }
            }
            run.meter.finish();
        } finally {
            try {
                destination.clearRunning(request.jobRef());
            } catch (RuntimeException unreachable) {
                // the destination may be the reason the run stopped; gc ignores a marker older than its run
            }
        }
        return new MirrorReport(mirrored, alreadyThere, repaired, refused, sentBySnapshot, run.chunksSent.get(), run.bytesSent.get(),
                run.chunksFound.get(), !sameKey, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Chunks of every disk, then indexes, then the manifest (with the destination's index checksums). */
    private void copy(Manifest manifest, DigestPairs pairs, Run run) {
        SnapshotId id = manifest.id();
        List<FixedIndex> indexes = new ArrayList<>();
        for (Manifest.DiskEntry disk : manifest.disks()) {
            FixedIndex index = source.index(manifest, disk);
            sendMissing(index, pairs, run);
            indexes.add(index);
        }
        List<Manifest.DiskEntry> disks = new ArrayList<>();
        for (int i = 0; i < indexes.size(); i++) {
            Manifest.DiskEntry d = manifest.disks().get(i);
            FixedIndex written = sameKey ? indexes.get(i) : pairs.translate(indexes.get(i));
            String sha = destination.writeIndex(id, d.name(), written);
            disks.add(new Manifest.DiskEntry(d.name(), d.sourcePath(), d.format(), d.sizeBytes(), d.index(), sha, d.chunks(),
                    d.zeroChunks(), d.readChunks(), d.reusedChunks(), d.newChunks(), d.bytesRead(), d.newBytesStored()));
        }
        List<String> notes = new ArrayList<>(manifest.notes());
        notes.add("Mirrored from datastore " + source.config().id() + " on " + Instant.now()
                + (sameKey ? "" : " (re-keyed for this datastore's key)") + ".");
        destination.commit(new Manifest(manifest.formatVersion(), manifest.snapshot(), manifest.instanceUuid(),
                manifest.instanceName(), manifest.tenant(), manifest.startedAt(), manifest.completedAt(), manifest.type(),
                manifest.parent(), manifest.checkpoint(), manifest.baseCheckpoint(), manifest.domainXml(), disks, notes));
    }

    /** A snapshot already at the destination: its chunks are looked up there one by one; missing ones are sent. */
    private void repair(Manifest manifest, Manifest there, DigestPairs pairs, Run run) {
        for (Manifest.DiskEntry disk : manifest.disks()) {
            FixedIndex index = source.index(manifest, disk);
            if (!sameKey) {
                Manifest.DiskEntry theirs = there.disks().stream().filter(d -> d.name().equals(disk.name())).findFirst()
                        .orElseThrow(() -> new MirrorException("Snapshot " + manifest.snapshot() + " at the destination has no disk "
                                + disk.name() + "."));
                if (!pairs.seed(index, destination.index(there, theirs))) {
                    throw new MirrorException("Snapshot " + manifest.snapshot() + " disk " + disk.name()
                            + " differs between the source and the destination; it is not repaired.");
                }
            }
            sendMissing(index, pairs, run);
        }
    }

    /**
     * Re-key pairs from the instance's newest earlier snapshot committed at both ends (an incremental then
     * reads from the source only the blocks that changed). Nothing when there is none or its indexes do not pair.
     */
    private void seedFromLastMirrored(SnapshotId id, DigestPairs pairs) {
        List<SnapshotId> earlier = destination.snapshots(id.instanceUuid()).stream().filter(s -> s.compareTo(id) < 0).toList();
        for (int i = earlier.size() - 1; i >= 0; i--) {
            SnapshotId previous = earlier.get(i);
            try {
                Optional<Manifest> atSource = source.findManifest(previous);
                if (atSource.isEmpty()) {
                    continue;
                }
                Manifest atDestination = destination.manifest(previous);
                for (Manifest.DiskEntry disk : atSource.get().disks()) {
                    atDestination.disks().stream().filter(d -> d.name().equals(disk.name())).findFirst().ifPresent(theirs ->
                            pairs.seed(source.index(atSource.get(), disk), destination.index(atDestination, theirs)));
                }
                return;
            } catch (DatastoreException unusable) {
                // a damaged earlier snapshot only means more blocks are read from the source
            }
        }
    }

    private void sendMissing(FixedIndex index, DigestPairs pairs, Run run) {
        List<Digest> distinct = new ArrayList<>(index.storedDigests());
        run.meter.phase(run.label, (long) distinct.size() * FormatV1.CHUNK_SIZE);
        ParallelWork.run("mirror", run.workers, distinct.size(),
                () -> new Buffers(new ChunkBuffers(), sameKey ? null : ByteBuffer.allocateDirect(ChunkCodec.maxBlobLength())),
                run.cancel, (buffers, i) -> {
                    Digest s = distinct.get(i);
                    Digest known = sameKey ? s : pairs.destinationOf(s);
                    if (known != null && has(run, known)) {
                        run.chunksFound.incrementAndGet();
                    } else if (sameKey) {
                        ByteBuffer blob = source.readCheckedBlob(s, buffers.read());
                        sent(run, s, destination.putChunk(s, blob));
                    } else {
                        ByteBuffer block = source.readChunk(s, buffers.read());
                        Digest d = destination.codec().digest(block);
                        if (known != null && !known.equals(d)) {
                            throw new MirrorException("Block " + s.hex() + " has digest " + d.hex() + " at the destination, not "
                                    + known.hex() + " as its earlier copy says; the mirror stops rather than write a wrong index.");
                        }
                        pairs.learn(s, d);
                        if (known == null && has(run, d)) {
                            run.chunksFound.incrementAndGet();
                        } else {
                            sent(run, d, destination.putChunk(d, destination.codec().encode(block, buffers.encoded())));
                        }
                    }
                    run.meter.add(FormatV1.CHUNK_SIZE);
                });
    }

    private boolean has(Run run, Digest d) {
        return run.sentToNew == null ? destination.hasChunk(d) : run.sentToNew.contains(d);
    }

    /** Counts a chunk written (remembered only once it is there: a chunk that failed is never taken as sent). */
    private static void sent(Run run, Digest d, long bytes) {
        if (run.sentToNew != null) {
            run.sentToNew.add(d);
        }
        run.chunksSent.incrementAndGet();
        run.bytesSent.addAndGet(bytes);
    }

    /** Removes what a failed copy wrote into the snapshot's folder (never a committed snapshot). */
    private void abandon(SnapshotId id, boolean wasThere) {
        if (wasThere) {
            return;
        }
        try {
            destination.abandon(id);
        } catch (RuntimeException leftForGc) {
            // gc removes folders without a manifest; the next mirror writes over it
        }
    }

    private static String sentence(RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
    }
}
