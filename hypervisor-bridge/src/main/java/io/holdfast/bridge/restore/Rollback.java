package io.holdfast.bridge.restore;

import io.holdfast.bridge.datastore.ChunkCodec;
import io.holdfast.bridge.datastore.ChunkBuffers;
import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.Digest;
import io.holdfast.bridge.datastore.FixedIndex;
import io.holdfast.bridge.datastore.FormatV1;
import io.holdfast.bridge.libvirt.VmDisk;
import io.holdfast.bridge.nbd.Extent;
import io.holdfast.bridge.nbd.NbdClient;
import io.holdfast.bridge.progress.Cancellation;
import io.holdfast.bridge.progress.ProgressMeter;
import io.holdfast.bridge.qemu.QemuImages;
import io.holdfast.bridge.qemu.QemuNbdServer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import io.holdfast.bridge.work.ParallelWork;

/**
 * Fast rollback of a stopped VM's disk: only the blocks whose digest differs from the snapshot are
 * written. The current image is first compared block by block (blocks that read as zeroes are not even
 * read); the differing blocks go into a new qcow2 overlay on top of the current image, and only when the
 * overlay is complete is it committed into the image. Until then the current image is untouched; if the
 * commit itself fails, the overlay (which holds every change) is kept and named in the error.
 */
final class Rollback {

    private final Datastore datastore;

    Rollback(Datastore datastore) {
        this.datastore = datastore;
    }

    /** Returns {bytes written, blocks written}. */
    long[] run(VmDisk disk, FixedIndex target, Path socketDir, ProgressMeter meter, Cancellation cancel) throws Exception {
        List<Integer> differing = compare(disk, target, socketDir, cancel);
        if (differing.isEmpty()) {
            return new long[]{0, 0};
        }
        Path overlay = disk.source().resolveSibling(disk.source().getFileName() + ".holdfast-rollback-" + System.currentTimeMillis());
        QemuImages.run("qemu-img", "create", "-q", "-f", "qcow2", "-b", disk.source().toString(), "-F", disk.format(),
                overlay.toString());
        AtomicLong bytes = new AtomicLong();
        boolean commitFailed = false;
        try {
            try (QemuNbdServer server = QemuNbdServer.start(overlay, "qcow2", socketDir.resolve("rollback-" + System.nanoTime() + ".sock"),
                    false, Optional.empty());
                 NbdClient client = NbdClient.connect(server.address(), "", List.of())) {
                // several blocks in flight, as a restore: fetching and decoding overlap the overlay's writes
                ParallelWork.run("rollback", workers(), differing.size(), ChunkBuffers::new, cancel, (buffers, i) -> {
                    int block = differing.get(i);
                    long offset = (long) block * FormatV1.CHUNK_SIZE;
                    Digest d = target.get(block);
                    if (d.isZeroBlock()) {
                        client.writeZeroes(offset, target.blockLength(block)).get();
                    } else {
                        client.write(offset, datastore.readChunk(d, buffers)).get();
                    }
                    bytes.addAndGet(target.blockLength(block));
                    meter.add(target.blockLength(block));
                });
                client.flush().get();
            }
            try {
                QemuImages.run("qemu-img", "commit", "-q", "-f", "qcow2", overlay.toString());
            } catch (IllegalStateException e) {
                commitFailed = true;
                throw new RestoreException("Committing the rollback into " + disk.source() + " failed: " + e.getMessage()
                        + ". The overlay " + overlay + " holds every changed block: run `qemu-img commit " + overlay
                        + "` to finish.", e);
            }
            return new long[]{bytes.get(), differing.size()};
        } finally {
            // committed, or never committed (the image is untouched): the overlay has no further use;
            // a failed commit may have changed the image half-way, and the overlay is what completes it
            if (!commitFailed) {
                deleteQuietly(overlay);
            }
        }
    }

    /** The blocks whose contents differ from the snapshot's index. */
    private List<Integer> compare(VmDisk disk, FixedIndex target, Path socketDir, Cancellation cancel) {
        List<Integer> differing = new ArrayList<>();
        ChunkCodec codec = datastore.codec();
        try (QemuNbdServer server = QemuNbdServer.start(disk.source(), disk.format(), socketDir.resolve("compare-" + System.nanoTime() + ".sock"),
                true, Optional.empty());
             NbdClient client = NbdClient.connect(server.address(), "", List.of("base:allocation"))) {
            if (client.size() != target.diskSize()) {
                throw new RestoreException("The disk is " + client.size() + " bytes, the snapshot " + target.diskSize()
                        + ": a rollback needs the same size; restore a complete image instead.");
            }
            BitSet hasData = new BitSet();
            for (long offset = 0; offset < client.size(); ) {
                List<Extent> extents = client.blockStatus("base:allocation", offset, (int) Math.min(1L << 30, client.size() - offset));
                if (extents.isEmpty()) {
                    hasData.set((int) (offset / FormatV1.CHUNK_SIZE), target.chunkCount());
                    break;
                }
                for (Extent e : extents) {
                    if (!e.has(Extent.ZERO)) {
                        hasData.set((int) (e.offset() / FormatV1.CHUNK_SIZE), (int) ((Math.min(e.end(), client.size()) - 1) / FormatV1.CHUNK_SIZE) + 1);
                    }
                }
                offset = extents.getLast().end();
            }
            List<Integer> toRead = new ArrayList<>();
            for (int b = 0; b < target.chunkCount(); b++) {
                if (hasData.get(b)) {
                    toRead.add(b);
                } else if (!target.get(b).isZeroBlock()) {
                    differing.add(b); // reads as zeroes now, held data then
                }
            }
            List<Integer> changed = java.util.Collections.synchronizedList(new ArrayList<>());
            ParallelWork.run("compare", workers(), toRead.size(), Rollback::alignedBlock, cancel, (buffer, i) -> {
                int b = toRead.get(i);
                int length = target.blockLength(b);
                ByteBuffer data = buffer.clear().limit(length);
                client.read((long) b * FormatV1.CHUNK_SIZE, data).get();
                data.position(0).limit(length);
                Digest current = ChunkCodec.isZero(data) ? Digest.ZERO_BLOCK : codec.digest(data);
                if (!current.equals(target.get(b))) {
                    changed.add(b);
                }
            });
            differing.addAll(changed);
            differing.sort(null);
            return differing;
        } catch (RestoreException e) {
            throw e;
        } catch (Exception e) {
            throw new RestoreException("Cannot compare " + disk.source() + " with the snapshot: " + e.getMessage(), e);
        }
    }

    private int workers() {
        return Math.max(2, datastore.remote().transfersInFlight());
    }

    private static ByteBuffer alignedBlock() {
        return ByteBuffer.allocateDirect(FormatV1.CHUNK_SIZE + 4096).alignedSlice(4096).slice(0, FormatV1.CHUNK_SIZE);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover overlay is named in the log
        }
    }
}
