package io.holdfast.bridge.remote;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Remote failures and retries in this process, for the operators' metrics (the daemon's {@code /metrics}, the
 * app's Prometheus endpoint). Process-wide on purpose: a metric counts what the process did, whichever job.
 */
public final class RemoteCounters {

    private static final AtomicLong FAILURES = new AtomicLong();
    private static final AtomicLong RETRIES = new AtomicLong();

    private RemoteCounters() {
    }

    /** Remote calls that failed (each try counts), transient or permanent. */
    public static long failures() {
        return FAILURES.get();
    }

    /** Tries made again after a transient failure. */
    public static long retries() {
        return RETRIES.get();
    }

    static void failed() {
        FAILURES.incrementAndGet();
    }

    static void retried() {
        RETRIES.incrementAndGet();
    }
}
