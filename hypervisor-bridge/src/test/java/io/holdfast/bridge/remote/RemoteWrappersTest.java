package io.holdfast.bridge.remote;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The wrappers' own logic, over a real local folder. Failures are injected by {@link FaultyRemote} (a
 * fault injector, not a mock of a server: the remote contract tests run every backend against its real
 * server).
 */
class RemoteWrappersTest {

    @TempDir
    Path dir;

    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void aTransientFailureIsRetriedWithGrowingWaits() {
        FaultyRemote faulty = new FaultyRemote(new LocalRemote(dir), 2, false);
        List<Long> waits = new ArrayList<>();
        Remote remote = new RetryingRemote(faulty, FAST, waits::add);
        remote.put("a/b", "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(remote.get("a/b"), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(faulty.calls.get()).isEqualTo(4); // 2 failed puts, 1 put, 1 get
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(80L, 120L);
        assertThat(waits.get(1)).isBetween(160L, 240L);
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        FaultyRemote faulty = new FaultyRemote(new LocalRemote(dir), 5, true);
        List<Long> waits = new ArrayList<>();
        Remote remote = new RetryingRemote(faulty, FAST, waits::add);
        assertThatThrownBy(() -> remote.put("x", new byte[1])).isInstanceOf(RemoteException.class).hasMessageContaining("injected");
        assertThat(faulty.calls.get()).isEqualTo(1);
        assertThat(waits).isEmpty();
        assertThatThrownBy(() -> new RetryingRemote(new LocalRemote(dir), FAST, waits::add).get("absent"))
                .isInstanceOf(RemoteException.NotFound.class);
        assertThat(waits).isEmpty();
    }

    @Test
    void retriesStopAfterTheLastAttemptAndSaySo() {
        FaultyRemote faulty = new FaultyRemote(new LocalRemote(dir), 10, false);
        Remote remote = new RetryingRemote(faulty, FAST, millis -> { });
        assertThatThrownBy(() -> remote.put("x", new byte[1])).hasMessageContaining("gave up after 4 tries");
        assertThat(faulty.calls.get()).isEqualTo(4);
    }

    @Test
    void parallelCallsAreCapped() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        Remote slow = slowCounting(new LocalRemote(dir), inFlight, maxSeen);
        Remote limited = new LimitedRemote(slow, 2, 0);
        inParallel(8, 16, n -> limited.put("f" + n, new byte[10]));
        assertThat(maxSeen.get()).isEqualTo(2);
    }

    /** A pool of 6 connections of which writes use 2: a backup keeps its share, a restore reads through all. */
    @Test
    void aPoolWritesThroughItsWritersAndReadsThroughEveryConnection() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        AtomicInteger opened = new AtomicInteger();
        java.util.function.Supplier<Remote> connection = () -> {
            opened.incrementAndGet();
            return slowCounting(new LocalRemote(dir), inFlight, maxSeen);
        };
        PooledRemote pool = new PooledRemote(connection.get(), connection, 2, 6);
        assertThat(pool.transfersInFlight()).isEqualTo(4);
        assertThat(pool.readsInFlight()).isEqualTo(8);
        try {
            inParallel(12, 24, n -> pool.put("f" + n, new byte[10]));
            assertThat(maxSeen.get()).as("writes at once").isEqualTo(2);
            assertThat(opened.get()).as("connections a backup opened").isEqualTo(2);
            maxSeen.set(0);
            inParallel(12, 24, n -> pool.get("f" + n, ByteBuffer.allocate(64)));
            assertThat(maxSeen.get()).as("reads at once").isEqualTo(6);
            assertThat(opened.get()).isEqualTo(6);
        } finally {
            pool.close();
        }
    }

    /** Runs {@code task} for 0..count-1 on {@code threads} threads and waits for all, rethrowing the first failure. */
    private static void inParallel(int threads, int count, java.util.function.IntConsumer task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> task.accept(n)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void bandwidthIsPaced() {
        Remote limited = new LimitedRemote(new LocalRemote(dir), 4, 1_000_000); // 1 MB/s
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            limited.put("b" + i, new byte[100_000]);
        }
        // 500 kB at 1 MB/s: the first put goes at once, the rest wait their turn (>= 0.4 s in all)
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(390));
    }

    @Test
    void metricsCountBytesOperationsAndErrors() {
        MeteredRemote metered = new MeteredRemote(new LocalRemote(dir));
        metered.put("m", ByteBuffer.wrap(new byte[1234]));
        metered.get("m");
        assertThatThrownBy(() -> metered.get("absent")).isInstanceOf(RemoteException.class);
        MeteredRemote.Metrics m = metered.metrics();
        assertThat(m.bytesWritten()).isEqualTo(1234);
        assertThat(m.bytesRead()).isEqualTo(1234);
        assertThat(m.operations()).isEqualTo(3);
        assertThat(m.errors()).isEqualTo(1);
    }

    /** Takes 20 ms a call and counts the calls in flight, and the most seen at once. */
    private static Remote slowCounting(Remote delegate, AtomicInteger inFlight, AtomicInteger maxSeen) {
        return new ForwardingRemote(delegate) {
            @Override
            protected <T> T call(String operation, long bytes, java.util.function.Supplier<T> work) {
                maxSeen.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(20);
                    return work.get();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        };
    }

    /** Fails the first {@code failures} calls with a transient (or permanent) error, then works. */
    static final class FaultyRemote extends ForwardingRemote {
        final AtomicInteger calls = new AtomicInteger();
        private final AtomicInteger failuresLeft;
        private final boolean permanent;

        FaultyRemote(Remote delegate, int failures, boolean permanent) {
            super(delegate);
            this.failuresLeft = new AtomicInteger(failures);
            this.permanent = permanent;
        }

        @Override
        protected <T> T call(String operation, long bytes, java.util.function.Supplier<T> work) {
            calls.incrementAndGet();
            if (failuresLeft.getAndDecrement() > 0) {
                throw new RemoteException("injected " + (permanent ? "permanent" : "transient") + " failure in " + operation,
                        permanent, null);
            }
            return work.get();
        }
    }
}
