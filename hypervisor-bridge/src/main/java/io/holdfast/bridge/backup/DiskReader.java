package io.holdfast.bridge.backup;

import io.holdfast.bridge.datastore.ChunkCodec;
import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.Digest;
import io.holdfast.bridge.datastore.FixedIndex;
import io.holdfast.bridge.datastore.FormatV1;
import io.holdfast.bridge.progress.Cancellation;
import io.holdfast.bridge.progress.ProgressMeter;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.ArrayList;
import java.util.List;

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

    Outcome read(DiskStream stream, BlockPlan plan, FixedIndex previous, FixedIndex out, Set<Digest> known) {
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
        AtomicInteger cursor = new AtomicInteger();
        AtomicInteger read = new AtomicInteger();
        AtomicInteger stored = new AtomicInteger();
        AtomicInteger zeroData = new AtomicInteger();
        AtomicLong bytesRead = new AtomicLong();
        AtomicLong bytesStored = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ChunkCodec codec = datastore.codec();

        ExecutorService pool = Executors.newFixedThreadPool(workers,
                Thread.ofPlatform().daemon().name("backup-" + stream.disk().target() + "-", 0).factory());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    // direct buffers: the socket reads into them and the file writes from them without heap copies
                    ByteBuffer buffer = ByteBuffer.allocateDirect(FormatV1.CHUNK_SIZE);
                    ByteBuffer blob = ByteBuffer.allocateDirect(ChunkCodec.maxBlobLength());
                    int i;
                    while (failure.get() == null && (i = cursor.getAndIncrement()) < toRead.size()) {
                        try {
                            cancel.check();
                            int block = toRead.get(i);
                            int length = out.blockLength(block);
                            ByteBuffer data = buffer.clear().limit(length);
                            stream.client().read((long) block * FormatV1.CHUNK_SIZE, data).get();
                            read.incrementAndGet();
                            bytesRead.addAndGet(length);
                            if (ChunkCodec.isZero(data)) {
                                out.set(block, Digest.ZERO_BLOCK);
                                zeroData.incrementAndGet();
                            } else {
                                Digest digest = codec.digest(data);
                                out.set(block, digest);
                                if (known.add(digest) && !datastore.hasChunk(digest)) {
                                    cancel.check();
                                    bytesStored.addAndGet(datastore.putChunk(digest, codec.encode(data, blob)));
                                    stored.incrementAndGet();
                                }
                            }
                            meter.add(length);
                        } catch (Throwable t) {
                            failure.compareAndSet(null, t instanceof ExecutionException e && e.getCause() != null ? e.getCause() : t);
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    failure.compareAndSet(null, e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancel.cancel();
                    failure.compareAndSet(null, e);
                }
            }
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new BackupException("reading disk " + stream.disk().target() + " failed: " + t.getMessage(), t);
        }
        return new Outcome(read.get(), stored.get(), zero + zeroData.get(), reused, bytesRead.get(), bytesStored.get());
    }
}
