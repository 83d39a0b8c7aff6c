package io.holdfast.bridge.remote;

import io.holdfast.bridge.backup.BackupEngine;
import io.holdfast.bridge.backup.BackupException;
import io.holdfast.bridge.backup.BackupRequest;
import io.holdfast.bridge.backup.BackupResult;
import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.Manifest;
import io.holdfast.bridge.progress.Cancellation;
import io.holdfast.bridge.progress.ProgressListener;
import io.holdfast.bridge.restore.RestoreEngine;
import io.holdfast.bridge.testing.RestartableServer;
import io.holdfast.bridge.testing.TestVm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Backups of a real VM into a datastore on a remote served by a real server, and that server failing
 * mid-way: one set of scenarios, run by a subclass per kind of remote.
 */
abstract class RemoteBackupScenarios {

    /** A real server the scenario started, and the configuration of a folder on it. */
    record TestServer(RestartableServer server, Function<String, RemoteConfig> configs) implements AutoCloseable {
        RemoteConfig config(String folder) {
            return configs.apply(folder);
        }

        void stop() {
            server.stop();
        }

        void launch() {
            server.launch();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** Starts this scenario's server, with an empty writable folder. */
    abstract TestServer startServer();

    private static final long MIB = 1 << 20;
    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(1));

    @TempDir
    Path dir;

    @Test
    void fullAndIncrementalRestoreBitExactly() {
        try (TestServer server = startServer(); TestVm vm = TestVm.create(64 * MIB);
             Remote remote = Remotes.open(server.config("data/store"))) {
            Datastore datastore = Datastore.create(remote, null);
            vm.writePattern(0x31, 0, 12 * MIB).start();
            String first = vm.sha256();
            BackupResult full = new BackupEngine(datastore).backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());
            vm.writePattern(0x32, 40 * MIB, MIB);
            String second = vm.sha256();
            BackupResult inc = new BackupEngine(datastore).backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());
            assertThat(full.type()).isEqualTo(Manifest.FULL);
            assertThat(inc.type()).isEqualTo(Manifest.INCREMENTAL);
            assertThat(inc.chunksRead()).isEqualTo(1);

            RestoreEngine restores = new RestoreEngine(datastore);
            restores.restoreToImage(full.snapshot(), "vda", dir.resolve("full.raw"), "raw", ProgressListener.NONE, Cancellation.none());
            restores.restoreToImage(inc.snapshot(), "vda", dir.resolve("inc.qcow2"), "qcow2", ProgressListener.NONE, Cancellation.none());
            assertThat(TestVm.sha256OfImage(dir.resolve("full.raw"), "raw")).isEqualTo(first);
            assertThat(TestVm.sha256OfImage(dir.resolve("inc.qcow2"), "qcow2")).isEqualTo(second);
        }
    }

    @Test
    void theServerStoppingMidUploadFailsClearlyLeavesNoSnapshotAndTheNextBackupWorks() {
        try (TestServer server = startServer(); TestVm vm = TestVm.create(128 * MIB)) {
            RemoteConfig config = server.config("data/store");
            vm.writePattern(0x41, 0, 96 * MIB).start();
            AtomicBoolean stopped = new AtomicBoolean();
            try (Remote remote = Remotes.open(config, QUICK)) {
                Datastore datastore = Datastore.create(remote, null);
                assertThatThrownBy(() -> new BackupEngine(datastore).backup(BackupRequest.of(vm.name()), progress -> {
                    if (progress.bytesDone() > 0 && stopped.compareAndSet(false, true)) {
                        server.stop();
                    }
                }, Cancellation.none()))
                        .isInstanceOf(BackupException.class)
                        .hasMessageContaining("Backup of " + vm.name() + " failed")
                        .hasMessageContaining(config.describe().substring(0, config.describe().indexOf("://") + 3));
            }
            assertThat(vm.hasJob()).isFalse();
            assertThat(vm.checkpoints()).isEmpty();

            server.launch();
            try (Remote remote = Remotes.open(config, QUICK)) {
                Datastore datastore = Datastore.open(remote, null);
                assertThat(datastore.snapshots()).isEmpty();
                String expected = vm.sha256();
                BackupResult ok = new BackupEngine(datastore).backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());
                new RestoreEngine(datastore).restoreToImage(ok.snapshot(), "vda", dir.resolve("r.raw"), "raw", ProgressListener.NONE, Cancellation.none());
                assertThat(TestVm.sha256OfImage(dir.resolve("r.raw"), "raw")).isEqualTo(expected);
                assertThat(datastore.snapshots()).containsExactly(ok.snapshot());
            }
        }
    }

    @Test
    void aConnectionThatDropsOnceIsRetriedAndTheBackupSucceeds() throws Exception {
        try (TestServer server = startServer(); TestVm vm = TestVm.create(128 * MIB);
             Remote remote = Remotes.open(server.config("data/store"),
                     new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(4)))) {
            Datastore datastore = Datastore.create(remote, null);
            vm.writePattern(0x51, 0, 96 * MIB).start();
            String expected = vm.sha256();
            AtomicBoolean dropped = new AtomicBoolean();
            Thread restarter = new Thread(() -> {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                server.launch();
            });
            BackupResult ok = new BackupEngine(datastore).backup(BackupRequest.of(vm.name()), progress -> {
                if (progress.bytesDone() > 0 && dropped.compareAndSet(false, true)) {
                    server.stop();
                    restarter.start();
                }
            }, Cancellation.none());
            restarter.join();
            assertThat(dropped).isTrue();
            new RestoreEngine(datastore).restoreToImage(ok.snapshot(), "vda", dir.resolve("r.raw"), "raw", ProgressListener.NONE, Cancellation.none());
            assertThat(TestVm.sha256OfImage(dir.resolve("r.raw"), "raw")).isEqualTo(expected);
        }
    }
}
