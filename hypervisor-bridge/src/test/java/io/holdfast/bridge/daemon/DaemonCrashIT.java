package io.holdfast.bridge.daemon;

import io.holdfast.bridge.agent.BackupOrder;
import io.holdfast.bridge.agent.BackupOutcome;
import io.holdfast.bridge.agent.BridgeException;
import io.holdfast.bridge.agent.StorageAccess;
import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.progress.Cancellation;
import io.holdfast.bridge.remote.LocalRemote;
import io.holdfast.bridge.remote.RemoteConfig;
import io.holdfast.bridge.testing.LatencyProxy;
import io.holdfast.bridge.testing.TestVm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What an operator fears about a remote agent: the daemon killed (SIGKILL) in the middle of a backup, and the
 * master's connection to it cut in the middle of one. Real daemon processes, a real running VM.
 */
class DaemonCrashIT {

    private static final long MIB = 1 << 20;
    private static final Path WORK = Path.of("/var/tmp/holdfast-bridge");

    @TempDir
    Path dir;

    private TestVm vmWithRandomData() throws IOException {
        Path image = dir.resolve("source.raw");
        byte[] random = new byte[(int) (12 * MIB)];
        new Random(11).nextBytes(random);
        Files.write(image, random);
        try (var f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(32 * MIB);
        }
        return TestVm.createFrom(image, "raw", 32 * MIB).start();
    }

    @Test
    void aDaemonKilledMidBackupFailsTheJobWithItsReasonAndLeavesNothing() throws Exception {
        int port = BridgeContractIT.freePort();
        Path state = dir.resolve("state");
        StorageAccess slow = new StorageAccess("slow", new RemoteConfig.Local(dir.resolve("store")), null, null, MIB);
        DaemonProcess daemon = DaemonProcess.start(state, port);
        try (TestVm vm = vmWithRandomData()) {
            DaemonBridge bridge = daemon.bridge(Duration.ofSeconds(90));
            RecordingEvents events = new RecordingEvents();
            CompletableFuture<BackupOutcome> backup = CompletableFuture.supplyAsync(() -> bridge.backup(
                    new BackupOrder(slow, vm.uuid(), true, true, null, "killed-1"), events, Cancellation.none()));
            assertThat(events.progressed.await(60, TimeUnit.SECONDS)).as("the backup made progress").isTrue();
            assertThat(vm.hasJob()).as("libvirt's backup job runs").isTrue();

            daemon.kill();
            assertThat(vm.hasJob()).as("a killed daemon leaves libvirt's job behind").isTrue();
            daemon.launch();

            assertThatThrownBy(() -> backup.get(90, TimeUnit.SECONDS))
                    .cause().isInstanceOf(BridgeException.class)
                    .hasMessageContaining("The bridge daemon stopped while this job ran")
                    .hasMessageContaining("ended the libvirt backup job")
                    .hasMessageContaining("removed the checkpoint");
            assertThat(events.lines).anyMatch(l -> l.startsWith("warn Lost the connection to the bridge daemon"));
            assertThat(events.lines).as("the master's recover job removed the storage's running marker")
                    .anyMatch(l -> l.contains("removed the running-backup marker killed-1"));
            assertThat(vm.hasJob()).isFalse();
            assertThat(vm.checkpoints()).isEmpty();
            assertThat(Files.exists(WORK.resolve("killed-1"))).as("the job folder").isFalse();
            Datastore store = Datastore.open(new LocalRemote(dir.resolve("store")), null);
            assertThat(store.snapshots()).as("no snapshot became visible").isEmpty();
            assertThat(store.isMarkedRunning("killed-1")).isFalse();

            StorageAccess fast = new StorageAccess("fast", slow.remote(), null, null, 0);
            BackupOutcome next = daemon.bridge(Duration.ofSeconds(30)).backup(new BackupOrder(fast, vm.uuid(), false, true, null, "killed-2"),
                    new RecordingEvents(), Cancellation.none());
            assertThat(store.snapshots()).extracting(Object::toString).containsExactly(next.snapshot());
            assertThat(vm.checkpoints()).hasSize(1);
        } finally {
            daemon.close();
        }
    }

    @Test
    void aCutConnectionDoesNotStopTheJobAndTheMasterGetsItsResult() throws Exception {
        int port = BridgeContractIT.freePort();
        // 1 MiB/s: ~12 s of backup, so the cut lands mid-job even on a slow CI machine (at 3 MiB/s the job once ended first)
        StorageAccess slow = new StorageAccess("slow", new RemoteConfig.Local(dir.resolve("store")), null, null, MIB);
        try (DaemonProcess daemon = DaemonProcess.start(dir.resolve("state"), port);
             TestVm vm = vmWithRandomData()) {
            LatencyProxy link = LatencyProxy.start(0, "127.0.0.1", port, 0);
            DaemonBridge bridge = new DaemonBridge(java.net.URI.create("https://127.0.0.1:" + link.port()), daemon.token(),
                    daemon.fingerprint(), Duration.ofSeconds(60));
            RecordingEvents events = new RecordingEvents();
            CompletableFuture<BackupOutcome> backup = CompletableFuture.supplyAsync(() -> bridge.backup(
                    new BackupOrder(slow, vm.uuid(), true, true, null, "cut-1"), events, Cancellation.none()));
            assertThat(events.progressed.await(60, TimeUnit.SECONDS)).isTrue();
            // the link goes down: new connections refused, then open ones cut (in the other order the HTTP
            // client's own immediate retry got a fresh connection through and nobody noticed the cut)
            link.close();
            link.cut();
            assertThat(backup).as("the job still runs when the link is cut").isNotDone();
            // the link stays down until the master has noticed (its next poll fails): a fixed 3 s outage once
            // passed unnoticed between two polls on a loaded machine
            long noticed = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (events.lines.stream().noneMatch(l -> l.startsWith("warn Lost the connection to the bridge daemon"))) {
                assertThat(System.nanoTime()).as("the master notices the cut link: %s", events.lines).isLessThan(noticed);
                Thread.sleep(100);
            }
            BackupOutcome outcome;
            try (LatencyProxy again = LatencyProxy.start(link.port(), "127.0.0.1", port, 0)) {
                outcome = backup.get(120, TimeUnit.SECONDS);
            }
            assertThat(events.lines).anyMatch(l -> l.startsWith("warn Lost the connection to the bridge daemon"));
            assertThat(events.lines).anyMatch(l -> l.startsWith("step Reconnected to the bridge daemon"));
            assertThat(Datastore.open(new LocalRemote(dir.resolve("store")), null).snapshots()).extracting(Object::toString)
                    .containsExactly(outcome.snapshot());
            assertThat(vm.hasJob()).isFalse();
        }
    }
}
