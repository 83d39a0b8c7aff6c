package io.holdfast.bridge.remote;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Caps parallel transfers and bandwidth of one remote: at most {@code maxParallel} calls at once, and data
 * paced to {@code bytesPerSecond} (0 = unlimited) with a simple token schedule shared by all callers.
 */
public final class LimitedRemote extends ForwardingRemote {

    private final Semaphore slots;
    private final long bytesPerSecond;
    private long nextFreeNanos = System.nanoTime();

    public LimitedRemote(Remote delegate, int maxParallel, long bytesPerSecond) {
        super(delegate);
        if (maxParallel < 1) {
            throw new IllegalArgumentException("maxParallel must be at least 1");
        }
        this.slots = new Semaphore(maxParallel, true);
        this.bytesPerSecond = bytesPerSecond;
    }

    @Override
    protected <T> T call(String operation, long bytes, Supplier<T> work) {
        slots.acquireUninterruptibly();
        try {
            pace(bytes);
            return work.get();
        } finally {
            slots.release();
        }
    }

    private void pace(long bytes) {
        if (bytesPerSecond <= 0 || bytes <= 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long start = Math.max(now, nextFreeNanos);
            nextFreeNanos = start + bytes * 1_000_000_000L / bytesPerSecond;
            wait = start - now;
        }
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RemoteException("interrupted while pacing to " + bytesPerSecond + " B/s", false, e);
            }
        }
    }
}
