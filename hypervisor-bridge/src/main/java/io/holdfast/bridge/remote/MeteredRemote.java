package io.holdfast.bridge.remote;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Counts what passes through a remote: bytes written and read, operations, errors and latency. */
public final class MeteredRemote extends ForwardingRemote {

    /** A snapshot of the counters. */
    public record Metrics(long bytesWritten, long bytesRead, long operations, long errors, long totalLatencyMillis,
                          long maxLatencyMillis) {
    }

    private final AtomicLong written = new AtomicLong();
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong operations = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong latencyNanos = new AtomicLong();
    private final AtomicLong maxLatencyNanos = new AtomicLong();

    public MeteredRemote(Remote delegate) {
        super(delegate);
    }

    public Metrics metrics() {
        return new Metrics(written.get(), read.get(), operations.get(), errors.get(), latencyNanos.get() / 1_000_000,
                maxLatencyNanos.get() / 1_000_000);
    }

    @Override
    protected <T> T call(String operation, long bytes, Supplier<T> work) {
        long start = System.nanoTime();
        operations.incrementAndGet();
        try {
            T result = work.get();
            written.addAndGet(bytes);
            if (result instanceof byte[] data) {
                read.addAndGet(data.length);
            } else if (result instanceof java.nio.ByteBuffer data) {
                read.addAndGet(data.remaining());
            }
            return result;
        } catch (RuntimeException e) {
            errors.incrementAndGet();
            throw e;
        } finally {
            long took = System.nanoTime() - start;
            latencyNanos.addAndGet(took);
            maxLatencyNanos.accumulateAndGet(took, Math::max);
        }
    }
}
