package io.holdfast.bridge.remote;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link Remote} must do, restic-style: one suite, run by a subclass per backend against its
 * real server. Each test works in a fresh folder of its own.
 */
abstract class RemoteContract {

    /** A remote rooted in a new, empty folder. */
    abstract Remote remote();

    /**
     * Opening {@code config} fails with a permanent error naming {@code reason}, and a {@link RetryingRemote}
     * around it does not wait even once: wrong credentials, a changed host key or certificate.
     */
    static void refusedAtOnceWithoutRetries(RemoteConfig config, String reason) {
        List<Long> waits = new ArrayList<>();
        assertThatThrownBy(() -> new RetryingRemote(Remotes.openBare(config), RetryPolicy.DEFAULT, waits::add))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((RemoteException) e).permanent()).isTrue());
        assertThat(waits).isEmpty();
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void putThenGetRoundTripsHeapAndDirectBuffersCreatingFolders() {
        try (Remote r = remote()) {
            byte[] data = bytes(5 << 20, 1);
            r.put("chunks/ab12/ab12cd", data);
            assertThat(r.get("chunks/ab12/ab12cd")).isEqualTo(data);
            ByteBuffer direct = ByteBuffer.allocateDirect(1000).put(bytes(1000, 2)).flip();
            r.put("x/direct", direct);
            assertThat(r.get("x/direct")).isEqualTo(bytes(1000, 2));
            assertThat(direct.remaining()).isEqualTo(1000); // the caller's buffer is not consumed
        }
    }

    @Test
    void getIntoABufferReadsTheWholeObjectAndRefusesOneTooLarge() {
        try (Remote r = remote()) {
            byte[] data = bytes((4 << 20) + 123, 3);
            r.put("chunks/cd34/cd34ef", data);
            ByteBuffer into = ByteBuffer.allocateDirect(5 << 20);
            into.put(bytes(100, 4)); // left over from an earlier read: cleared first
            ByteBuffer got = r.get("chunks/cd34/cd34ef", into);
            byte[] read = new byte[got.remaining()];
            got.get(read);
            assertThat(read).isEqualTo(data);
            assertThatThrownBy(() -> r.get("chunks/cd34/cd34ef", ByteBuffer.allocateDirect(4 << 20)))
                    .isInstanceOf(RemoteException.TooLarge.class);
            assertThatThrownBy(() -> r.get("chunks/cd34/absent", into)).isInstanceOf(RemoteException.NotFound.class);
        }
    }

    @Test
    void putReplacesAnExistingObject() {
        try (Remote r = remote()) {
            r.put("a", "one".getBytes(StandardCharsets.UTF_8));
            r.put("a", "two".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(r.get("a"), StandardCharsets.UTF_8)).isEqualTo("two");
        }
    }

    @Test
    void statListAndTouch() throws Exception {
        try (Remote r = remote()) {
            assertThat(r.stat("nope")).isEmpty();
            r.put("d/b", new byte[3]);
            r.put("d/a", new byte[7]);
            r.put("d/sub/c", new byte[1]);
            assertThat(r.stat("d/a")).hasValueSatisfying(e -> {
                assertThat(e.size()).isEqualTo(7);
                assertThat(e.folder()).isFalse();
            });
            assertThat(r.list("d")).extracting(RemoteEntry::name).containsExactly("a", "b", "sub");
            assertThat(r.list("d")).filteredOn(RemoteEntry::folder).extracting(RemoteEntry::name).containsExactly("sub");
            assertThat(r.list("absent")).isEmpty();
            Instant before = r.stat("d/a").orElseThrow().modified();
            Thread.sleep(1100);
            r.touch("d/a");
            assertThat(r.stat("d/a").orElseThrow().modified()).isAfter(before);
        }
    }

    @Test
    void foldersCreatedByAWriteAreListedAtOnce() {
        try (Remote r = remote()) {
            assertThat(r.list("s")).isEmpty();
            r.put("s/u/t1/manifest", new byte[2]);
            assertThat(r.list("s")).extracting(RemoteEntry::name).containsExactly("u");
            assertThat(r.list("s/u")).extracting(RemoteEntry::name).containsExactly("t1");
            r.put("s/u/t2/manifest", new byte[2]);
            assertThat(r.list("s/u")).extracting(RemoteEntry::name).containsExactly("t1", "t2");
            assertThat(r.list("s/u/t2")).extracting(RemoteEntry::name).containsExactly("manifest");
        }
    }

    @Test
    void missingObjectsAreNotFoundAndDeletingThemIsFine() {
        try (Remote r = remote()) {
            assertThatThrownBy(() -> r.get("absent")).isInstanceOf(RemoteException.NotFound.class);
            assertThatThrownBy(() -> r.open("absent")).isInstanceOf(RemoteException.NotFound.class);
            r.delete("absent");
            r.deleteTree("absent-folder");
        }
    }

    @Test
    void deleteAndDeleteTree() {
        try (Remote r = remote()) {
            r.put("t/1", new byte[1]);
            r.put("t/u/2", new byte[1]);
            r.delete("t/1");
            assertThat(r.stat("t/1")).isEmpty();
            r.deleteTree("t");
            assertThat(r.stat("t/u/2")).isEmpty();
            assertThat(r.list("t")).isEmpty();
        }
    }

    @Test
    void pathsOutsideTheRootAreRefused() {
        try (Remote r = remote()) {
            for (String bad : new String[]{"../escape", "/abs", "a/../../b", "a//b", ""}) {
                assertThatThrownBy(() -> r.put(bad, new byte[1])).as(bad).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void manyWritersAtOnce() throws Exception {
        try (Remote r = remote()) {
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int n = i;
                futures.add(pool.submit(() -> r.put("p/" + (n % 4) + "/obj" + n, bytes(200_000, n))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            for (int i = 0; i < 24; i++) {
                assertThat(r.get("p/" + (i % 4) + "/obj" + i)).isEqualTo(bytes(200_000, i));
            }
            r.sync();
        }
    }
}
