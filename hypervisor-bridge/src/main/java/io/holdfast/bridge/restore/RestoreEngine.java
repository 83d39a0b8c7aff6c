package io.holdfast.bridge.restore;

import io.holdfast.bridge.datastore.BlockPool;
import io.holdfast.bridge.datastore.ChunkBuffers;
import io.holdfast.bridge.datastore.ChunkCodec;
import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.DatastoreException;
import io.holdfast.bridge.datastore.Digest;
import io.holdfast.bridge.datastore.FixedIndex;
import io.holdfast.bridge.datastore.FormatV1;
import io.holdfast.bridge.datastore.Manifest;
import io.holdfast.bridge.datastore.SnapshotId;
import io.holdfast.bridge.libvirt.HypervisorException;
import io.holdfast.bridge.libvirt.LibvirtHost;
import io.holdfast.bridge.libvirt.VmDisk;
import io.holdfast.bridge.libvirt.VmDomain;
import io.holdfast.bridge.progress.Cancellation;
import io.holdfast.bridge.progress.ProgressListener;
import io.holdfast.bridge.progress.ProgressMeter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import io.holdfast.bridge.work.ParallelWork;

/**
 * Writes a snapshot's disk into a new image (raw or qcow2), fetching and checking blobs in parallel. Every
 * blob is checked against its digest before it is written, so a corrupt datastore never yields a silently
 * wrong disk: the restore fails and removes its unfinished image. In place, the new image is complete
 * before it replaces the current one, and the current one is kept.
 */
public final class RestoreEngine {

    /** Zero runs of this size (qcow2's default cluster) inside a block are left as holes. */
    static final int HOLE_GRANULE = 64 * 1024;

    /**
     * Block buffers a restore decodes and writes through: decoding is CPU work, so a few more than the cores;
     * the other workers wait on the remote meanwhile and hold only their fetched blob.
     */
    static final int DECODING = Runtime.getRuntime().availableProcessors() + 2;
    /** An in-place restore writes {@code <disk><RESTORING_SUFFIX><ms>} and swaps it in only when complete. */
    public static final String RESTORING_SUFFIX = ".holdfast-restore-";
    /** The disk an in-place restore replaced, kept as {@code <disk><PREVIOUS_SUFFIX><ms>} until the domain runs again. */
    public static final String PREVIOUS_SUFFIX = ".holdfast-previous-";
    private static final Path SOCKET_DIR = Path.of("/var/tmp/holdfast-bridge");

    private final Datastore datastore;

    public RestoreEngine(Datastore datastore) {
        this.datastore = datastore;
    }

    /** Restores disk {@code disk} of a snapshot into a new image at {@code target}, which must not exist. */
    public RestoreResult restoreToImage(SnapshotId id, String disk, Path target, String format, ProgressListener listener,
                                        Cancellation cancel) {
        if (Files.isSymbolicLink(target)) {
            // even a dangling link: writing "a new file" there would write wherever the link points
            throw new RestoreException(target + " is a symbolic link; restore writes only a new, real file");
        }
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new RestoreException(target + " already exists; restore never overwrites a file");
        }
        Manifest manifest = datastore.manifest(id);
        Manifest.DiskEntry entry = manifest.disks().stream().filter(d -> d.name().equals(disk)).findFirst()
                .orElseThrow(() -> new RestoreException("snapshot " + id + " has no disk " + disk + " (it has "
                        + manifest.disks().stream().map(Manifest.DiskEntry::name).toList() + ")"));
        FixedIndex index = datastore.index(manifest, entry);
        Instant started = Instant.now();
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new RestoreException("cannot create " + target.getParent() + ": " + e.getMessage(), e);
        }
        BlockSink sink;
        try {
            sink = BlockSink.create(target, format, index.diskSize());
        } catch (java.io.UncheckedIOException e) {
            throw new RestoreException("cannot create " + target + ": " + e.getCause().getMessage(), e);
        }
        boolean complete = false;
        try {
            long[] written = write(index, sink, new ProgressMeter(listener, "restoring " + disk, storedBytes(index)), cancel);
            sink.finish();
            complete = true;
            return new RestoreResult(target, null, written[0], (int) written[1], Duration.between(started, Instant.now()));
        } catch (Cancellation.Cancelled | RestoreException e) {
            throw e;
        } catch (DatastoreException e) {
            throw new RestoreException("Snapshot " + id + " cannot be restored: " + e.getMessage()
                    + ". Nothing was written to the current disk; run verify to see every damaged snapshot.", e);
        } catch (Exception e) {
            throw new RestoreException("Restore of " + id + " into " + target + " failed: " + e.getMessage(), e);
        } finally {
            sink.close();
            if (!complete) {
                try {
                    Files.deleteIfExists(target);
                } catch (IOException ignored) {
                    // reported by the exception in flight
                }
            }
        }
    }

    /**
     * Restores a stopped domain's disk in place: the snapshot is written to a new image beside the current
     * one; only when it is complete is the current image renamed to {@code *.holdfast-previous-*} (kept, for
     * the caller to drop once the VM runs) and the new one moved into its place. The domain's Holdfast
     * checkpoints lose their meaning and are removed from libvirt's metadata, so the next backup reads all.
     */
    public RestoreResult restoreInPlace(String libvirtUri, String domainName, SnapshotId id, String disk,
                                        ProgressListener listener, Cancellation cancel) {
        try (LibvirtHost host = LibvirtHost.connect(libvirtUri)) {
            VmDomain domain = host.domain(domainName);
            if (!domain.isShutOff()) {
                throw new RestoreException("Domain " + domainName + " is running: power it off before an in-place restore.");
            }
            VmDisk current = domain.disks().stream().filter(d -> d.target().equals(disk)).findFirst()
                    .orElseThrow(() -> new RestoreException("Domain " + domainName + " has no file-backed disk " + disk + "."));
            String stamp = Long.toString(System.currentTimeMillis());
            Path fresh = current.source().resolveSibling(current.source().getFileName() + RESTORING_SUFFIX + stamp);
            Path previous = current.source().resolveSibling(current.source().getFileName() + PREVIOUS_SUFFIX + stamp);
            RestoreResult restored = restoreToImage(id, disk, fresh, current.format(), listener, cancel);
            try {
                Files.move(current.source(), previous, StandardCopyOption.ATOMIC_MOVE);
                try {
                    Files.move(fresh, current.source(), StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    Files.move(previous, current.source(), StandardCopyOption.ATOMIC_MOVE);
                    throw e;
                }
            } catch (IOException e) {
                try {
                    Files.deleteIfExists(fresh);
                } catch (IOException ignored) {
                    // reported below
                }
                throw new RestoreException("Cannot swap the restored image into place: " + e.getMessage()
                        + ". The current disk is unchanged.", e);
            }
            forgetCheckpoints(domain);
            return new RestoreResult(current.source(), previous, restored.bytesWritten(), restored.blocksWritten(),
                    restored.duration());
        } catch (HypervisorException e) {
            throw new RestoreException(e.getMessage(), e);
        }
    }

    /**
     * Rolls a stopped domain's disk back to a snapshot by writing only the blocks that differ (see
     * {@link Rollback}). Fast when little changed since the snapshot; the image keeps its place and name.
     */
    public RestoreResult rollbackInPlace(String libvirtUri, String domainName, SnapshotId id, String disk,
                                         ProgressListener listener, Cancellation cancel) {
        Manifest manifest = datastore.manifest(id);
        Manifest.DiskEntry entry = manifest.disks().stream().filter(d -> d.name().equals(disk)).findFirst()
                .orElseThrow(() -> new RestoreException("snapshot " + id + " has no disk " + disk));
        FixedIndex index = datastore.index(manifest, entry);
        Instant started = Instant.now();
        try (LibvirtHost host = LibvirtHost.connect(libvirtUri)) {
            VmDomain domain = host.domain(domainName);
            if (!domain.isShutOff()) {
                throw new RestoreException("Domain " + domainName + " is running: power it off before a rollback.");
            }
            VmDisk current = domain.disks().stream().filter(d -> d.target().equals(disk)).findFirst()
                    .orElseThrow(() -> new RestoreException("Domain " + domainName + " has no file-backed disk " + disk + "."));
            Files.createDirectories(SOCKET_DIR);
            long[] written = new Rollback(datastore).run(current, index,
                    SOCKET_DIR, new ProgressMeter(listener, "rolling back " + disk, storedBytes(index)), cancel);
            forgetCheckpoints(domain);
            return new RestoreResult(current.source(), null, written[0], (int) written[1], Duration.between(started, Instant.now()));
        } catch (HypervisorException e) {
            throw new RestoreException(e.getMessage(), e);
        } catch (RestoreException | Cancellation.Cancelled e) {
            throw e;
        } catch (DatastoreException e) {
            throw new RestoreException("Snapshot " + id + " cannot be restored: " + e.getMessage()
                    + ". The current disk is unchanged.", e);
        } catch (Exception e) {
            throw new RestoreException("Rollback of " + domainName + " failed: " + e.getMessage() + ". The current disk is unchanged.", e);
        }
    }

    private static void forgetCheckpoints(VmDomain domain) {
        for (String cp : domain.checkpoints()) {
            if (cp.startsWith(io.holdfast.bridge.backup.BackupEngine.CHECKPOINT_PREFIX)) {
                domain.deleteCheckpointMetadata(cp);
            }
        }
    }

    private static long storedBytes(FixedIndex index) {
        long total = 0;
        for (int b = 0; b < index.chunkCount(); b++) {
            if (!index.get(b).isZeroBlock()) {
                total += index.blockLength(b);
            }
        }
        return total;
    }

    /**
     * Returns {bytes restored, blocks restored}. As many workers as the remote keeps reads in flight each
     * fetch, decode (once) and write their block, so fetching overlaps writing; each owns one blob buffer and
     * borrows one of {@link #DECODING} block buffers only to decode and write, so memory is fixed whatever the
     * disk ({@code workers × 4 MiB + DECODING × 4 MiB}). Zero blocks and zero runs inside a block
     * are never written: a new image reads them as zeroes already.
     */
    private long[] write(FixedIndex index, BlockSink sink, ProgressMeter meter, Cancellation cancel) {
        int[] blocks = new int[index.chunkCount()];
        int count = 0;
        for (int b = 0; b < index.chunkCount(); b++) {
            if (!index.get(b).isZeroBlock()) {
                blocks[count++] = b;
            }
        }
        AtomicLong bytes = new AtomicLong();
        int workers = Math.max(2, datastore.remote().readsInFlight());
        BlockPool decoded = new BlockPool(Math.min(workers, DECODING));
        ParallelWork.run("restore", workers, count, ChunkBuffers::blobOnly, cancel, (buffers, i) -> {
            int block = blocks[i];
            Digest digest = index.get(block);
            datastore.readChunk(digest, buffers, decoded, data -> {
                if (data.remaining() != index.blockLength(block)) {
                    throw new DatastoreException("chunk " + digest + " has " + data.remaining() + " bytes, block "
                            + block + " needs " + index.blockLength(block));
                }
                int length = data.remaining();
                writeNonZeroRuns(sink, (long) block * FormatV1.CHUNK_SIZE, data);
                bytes.addAndGet(length);
                meter.add(length);
            });
        });
        meter.finish();
        return new long[]{bytes.get(), count};
    }

    /** Writes the runs of {@code data} that are not all zeroes, in {@link #HOLE_GRANULE} steps. */
    static void writeNonZeroRuns(BlockSink sink, long offset, ByteBuffer data) throws java.io.IOException {
        int start = data.position();
        int end = data.limit();
        int runStart = -1;
        for (int at = start; at < end; at += HOLE_GRANULE) {
            int to = Math.min(at + HOLE_GRANULE, end);
            boolean zero = ChunkCodec.isZero(data.slice(at, to - at));
            if (!zero && runStart < 0) {
                runStart = at;
            } else if (zero && runStart >= 0) {
                sink.write(offset + runStart - start, data.slice(runStart, at - runStart));
                runStart = -1;
            }
        }
        if (runStart >= 0) {
            sink.write(offset + runStart - start, data.slice(runStart, end - runStart));
        }
    }
}
