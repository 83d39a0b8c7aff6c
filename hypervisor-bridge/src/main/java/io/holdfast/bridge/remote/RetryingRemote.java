package io.holdfast.bridge.remote;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Retries transient failures with exponential backoff; a permanent one (bad credentials, missing bucket,
 * permission denied, host key mismatch, not found) fails at once. The last failure's message says how
 * many tries were made.
 */
public final class RetryingRemote extends ForwardingRemote {

    /** Waits between tries; replaceable in tests so they need not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;

    public RetryingRemote(Remote delegate, RetryPolicy policy) {
        this(delegate, policy, Thread::sleep);
    }

    public RetryingRemote(Remote delegate, RetryPolicy policy, Sleeper sleeper) {
        super(delegate);
        this.policy = policy;
        this.sleeper = sleeper;
    }

    @Override
    protected <T> T call(String operation, long bytes, Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RemoteException e) {
                RemoteCounters.failed();
                if (e.permanent() || attempt >= policy.attempts()) {
                    if (attempt > 1 && !e.permanent()) {
                        throw new RemoteException(e.getMessage() + " (gave up after " + attempt + " tries)", false, e);
                    }
                    throw e;
                }
                RemoteCounters.retried();
                long delay = policy.delayAfter(attempt).toMillis();
                delay += (long) (delay * 0.2 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
                try {
                    sleeper.sleep(Math.max(0, delay));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
