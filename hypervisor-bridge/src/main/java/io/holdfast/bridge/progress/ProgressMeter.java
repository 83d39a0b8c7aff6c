package io.holdfast.bridge.progress;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Counts bytes of one phase from many threads and reports to a listener, throttled. */
public final class ProgressMeter {

    private static final long INTERVAL_NANOS = 250_000_000L;

    private final ProgressListener listener;
    private final long started = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong lastReport = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);
    private volatile String phase;
    private volatile long total;

    public ProgressMeter(ProgressListener listener, String phase, long total) {
        this.listener = listener;
        this.phase = phase;
        this.total = total;
    }

    public void phase(String phase, long total) {
        this.phase = phase;
        this.total = total;
        this.done.set(0);
        report(true);
    }

    public void add(long bytes) {
        done.addAndGet(bytes);
        report(false);
    }

    public void finish() {
        report(true);
    }

    private void report(boolean force) {
        long now = System.nanoTime();
        long last = lastReport.get();
        if (!force && (now - last < INTERVAL_NANOS || !lastReport.compareAndSet(last, now))) {
            return;
        }
        lastReport.set(now);
        Duration elapsed = Duration.ofNanos(now - started);
        long d = done.get();
        double rate = elapsed.toNanos() == 0 ? 0 : d / (elapsed.toNanos() / 1e9);
        listener.onProgress(new Progress(phase, d, total, rate, elapsed));
    }
}
