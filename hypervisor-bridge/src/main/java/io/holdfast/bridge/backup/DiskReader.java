package io.holdfast.bridge.backup;

import io.holdfast.bridge.datastore.ChunkCodec;
import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.Digest;
import io.holdfast.bridge.datastore.FixedIndex;
import io.holdfast.bridge.datastore.FormatV1;
import io.holdfast.bridge.progress.Cancellation;
import io.holdfast.bridge.progress.ProgressMeter;
import io.holdfast.bridge.work.ParallelWork;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the blocks a plan marks READ and stores the new ones: read → hash → compress/encrypt → upload,
 * with {@code workers} blocks in flight. Each worker owns one block buffer, so memory is
 * {@code workers × 4 MiB} whatever the disk size.
 */
final class DiskReader {

    record Outcome(int read, int stored, int zero, int reused, long bytesRead, long bytesStored) {
    }

    private final Datastore datastore;
    private final int workers;
    private final ProgressMeter meter;
    private final Cancellation cancel;

    DiskReader(Datastore datastore, int workers, ProgressMeter meter, Cancellation cancel) {
        this.datastore = datastore;
        this.workers = workers;
        this.meter = meter;
        this.cancel = cancel;
    }

    /**
     * @param known           chunks known to be stored or being stored by this backup; grows as it goes
     * @param newDatastore    the datastore was created for this backup: no chunk outside {@code known} exists
     */
    Outcome read(DiskStream stream, BlockPlan plan, FixedIndex previous, FixedIndex out, Set<Digest> known,
                 boolean newDatastore) {
        List<Integer> toRead = new ArrayList<>();
        int zero = 0;
        int reused = 0;
        for (int b = 0; b < plan.blocks(); b++) {
            switch (plan.action(b)) {
                case ZERO -> {
                    out.set(b, Digest.ZERO_BLOCK);
                    zero++;
                }
                case REUSE -> {
                    out.set(b, previous.get(b));
                    reused++;
                }
                case READ -> toRead.add(b);
            }
        }
        AtomicInteger read = new AtomicInteger();
        AtomicInteger stored = new AtomicInteger();
        AtomicInteger zeroData = new AtomicInteger();
        AtomicLong bytesRead = new AtomicLong();
        AtomicLong bytesStored = new AtomicLong();
        ChunkCodec codec = datastore.codec();
        // direct buffers: the socket reads into them and the file writes from them without heap copies
        record Buffers(ByteBuffer block, ByteBuffer blob) {
        }
        ParallelWork.run("backup-" + stream.disk().target(), workers, toRead.size(),
                () -> new Buffers(ByteBuffer.allocateDirect(FormatV1.CHUNK_SIZE), ByteBuffer.allocateDirect(ChunkCodec.maxBlobLength())),
                cancel, (buffers, i) -> {
                    int block = toRead.get(i);
                    int length = out.blockLength(block);
                    ByteBuffer data = buffers.block().clear().limit(length);
                    stream.client().read((long) block * FormatV1.CHUNK_SIZE, data).get();
                    read.incrementAndGet();
                    bytesRead.addAndGet(length);
                    if (ChunkCodec.isZero(data)) {
                        out.set(block, Digest.ZERO_BLOCK);
                        zeroData.incrementAndGet();
                    } else {
                        Digest digest = codec.digest(data);
                        out.set(block, digest);
                        if (known.add(digest) && (newDatastore || !datastore.hasChunk(digest))) {
                            cancel.check();
                            bytesStored.addAndGet(datastore.putChunk(digest, codec.encode(data, buffers.blob())));
                            stored.incrementAndGet();
                        }
                    }
                    meter.add(length);
                });
        return new Outcome(read.get(), stored.get(), zero + zeroData.get(), reused, bytesRead.get(), bytesStored.get());
    }
}
