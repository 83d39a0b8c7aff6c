package io.holdfast.bridge.work;

import io.holdfast.bridge.progress.Cancellation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs a task over items {@code 0..count-1} on a fixed number of platform threads, each with its own state
 * (e.g. a block buffer), so memory is {@code workers × state} whatever the count. The first failure stops
 * the others and is rethrown as it was thrown; cancellation is checked before every item.
 */
public final class ParallelWork {

    private ParallelWork() {
    }

    @FunctionalInterface
    public interface Task<S> {
        void run(S state, int item) throws Exception;
    }

    public static <S> void run(String name, int workers, int count, Supplier<S> state, Cancellation cancel, Task<S> task) {
        AtomicInteger cursor = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().daemon().name(name + "-", 0).factory());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    S s = state.get();
                    int i;
                    while (failure.get() == null && (i = cursor.getAndIncrement()) < count) {
                        try {
                            cancel.check();
                            task.run(s, i);
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
                    failure.compareAndSet(null, new Cancellation.Cancelled());
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
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new WorkException(name + " failed: " + t.getMessage(), t);
        }
    }

    /** A task failed with a checked exception. */
    public static final class WorkException extends RuntimeException {
        WorkException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
