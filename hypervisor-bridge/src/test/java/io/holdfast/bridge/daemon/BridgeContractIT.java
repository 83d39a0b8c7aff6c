package io.holdfast.bridge.daemon;

import io.holdfast.bridge.agent.BackupOrder;
import io.holdfast.bridge.agent.BackupOutcome;
import io.holdfast.bridge.agent.Bridge;
import io.holdfast.bridge.agent.InProcessBridge;
import io.holdfast.bridge.agent.RestoreOrder;
import io.holdfast.bridge.agent.SnapshotSummary;
import io.holdfast.bridge.agent.StorageAccess;
import io.holdfast.bridge.agent.VerifyOutcome;
import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.DatastoreKey;
import io.holdfast.bridge.progress.Cancellation;
import io.holdfast.bridge.progress.Progress;
import io.holdfast.bridge.remote.LocalRemote;
import io.holdfast.bridge.remote.RemoteConfig;
import io.holdfast.bridge.testing.Commands;
import io.holdfast.bridge.testing.TestVm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One contract for the {@link Bridge} interface, run against the in-process bridge and against a real daemon
 * process ({@code holdfast-bridge serve} from the shipped CLI jar) on loopback with real TLS: full and
 * incremental backups of a running VM, verify, list, restores to a new instance and in place (SHA-256 of the
 * disks against the VM's at backup time), and a cancelled backup that leaves nothing — the same results and
 * the same task logs, whichever bridge runs them.
 */
class BridgeContractIT {

    private static final long MIB = 1 << 20;
    private static final String KEY = DatastoreKey.newKeyText();

    @TempDir
    static Path dir;

    private static DaemonProcess daemon;
    private static Path image;

    @BeforeAll
    static void startDaemon() throws IOException {
        daemon = DaemonProcess.start(dir.resolve("daemon-state"), freePort());
        image = dir.resolve("source.raw");
        byte[] random = new byte[(int) (16 * MIB)];
        new Random(7).nextBytes(random);
        Files.write(image, random);
        try (var f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(32 * MIB);
        }
    }

    @AfterAll
    static void stopDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private record Results(List<String> log, BackupOutcome full, BackupOutcome incremental, VerifyOutcome verify,
                           List<SnapshotSummary> list, boolean cancelled) {
    }

    private static StorageAccess storage(String label, long bandwidth) {
        return new StorageAccess(label, new RemoteConfig.Local(dir.resolve(label)), null, KEY, bandwidth);
    }

    private static Results scenario(Bridge bridge, String label) {
        StorageAccess storage = storage(label, 0);
        RecordingEvents events = new RecordingEvents();
        try (TestVm vm = TestVm.createFrom(image, "raw", 32 * MIB)) {
            vm.start();
            String atFull = vm.sha256();
            BackupOutcome full = bridge.backup(new BackupOrder(storage, vm.uuid(), true, true, "tenant-1", label + "-1"), events,
                    Cancellation.none());
            vm.writePattern(0x5a, 20 * MIB, 2 * MIB);
            String atIncremental = vm.sha256();
            BackupOutcome incremental = bridge.backup(new BackupOrder(storage, vm.uuid(), false, true, "tenant-1", label + "-2"),
                    events, Cancellation.none());
            VerifyOutcome verify = bridge.verify(storage, null, events, Cancellation.none());
            List<SnapshotSummary> list = bridge.list(storage, events);

            String newName = TestVm.PREFIX + label + "-copy";
            Path newImage = vm.disk().resolveSibling(newName + "-vda.qcow2");
            try {
                bridge.restore(new RestoreOrder(storage, incremental.snapshot(), RestoreOrder.Target.NEW_INSTANCE, vm.uuid(), newName),
                        events, Cancellation.none());
                assertThat(Commands.run("virsh", "-c", "qemu:///system", "domstate", newName).strip()).isEqualTo("running");
                assertThat(TestVm.sha256OfImage(newImage, "qcow2")).as("%s: new instance from the incremental", label)
                        .isEqualTo(atIncremental);
            } finally {
                Commands.run("virsh", "-c", "qemu:///system", "destroy", newName);
                Commands.run("virsh", "-c", "qemu:///system", "undefine", newName);
            }

            bridge.restore(new RestoreOrder(storage, full.snapshot(), RestoreOrder.Target.IN_PLACE, vm.uuid(), null), events,
                    Cancellation.none());
            assertThat(vm.isRunning()).as("%s: started again after the in-place restore", label).isTrue();
            assertThat(vm.sha256()).as("%s: in place from the full", label).isEqualTo(atFull);

            // a full backup into a new datastore at 1 MB/s (so it has to store every chunk), cancelled at its first progress report
            Cancellation cancel = new Cancellation();
            RecordingEvents cancelling = new RecordingEvents() {
                @Override
                public void progress(Progress progress) {
                    super.progress(progress);
                    if (progress.bytesDone() > 0) {
                        cancel.cancel();
                    }
                }
            };
            boolean cancelled = false;
            try {
                bridge.backup(new BackupOrder(storage(label + "-slow", MIB), vm.uuid(), true, true, "tenant-1", label + "-3"), cancelling, cancel);
            } catch (Cancellation.Cancelled expected) {
                cancelled = true;
            }
            assertThat(cancelled).as("%s: the backup was cancelled: %s", label, cancelling.lines).isTrue();
            assertThat(vm.hasJob()).as("%s: no libvirt job after the cancel", label).isFalse();
            assertThat(vm.checkpoints()).as("%s: no checkpoint after the cancel: %s", label, cancelling.lines).isEmpty();
            assertThat(Datastore.open(new LocalRemote(dir.resolve(label + "-slow")), DatastoreKey.fromText(KEY)).snapshots())
                    .as("%s: no snapshot of the cancelled backup", label).isEmpty();
            List<String> log = new ArrayList<>(events.lines);
            log.addAll(cancelling.lines);
            return new Results(normalized(log, label, vm), full, incremental, verify, list, cancelled);
        }
    }

    /** What differs between two runs by nature: names, paths, ids, times, sizes in flight and the daemon's own job line. */
    private static List<String> normalized(List<String> log, String label, TestVm vm) {
        return log.stream()
                .filter(l -> !l.startsWith("step Bridge daemon "))
                .filter(l -> !l.startsWith("step Cancel requested"))
                .map(l -> l.replace(dir.toString(), "<dir>").replace(vm.name(), "<vm>").replace(vm.uuid(), "<uuid>").replace(label, "<label>")
                        .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
                        .replaceAll("holdfast-[0-9a-f]{8}-\\d+", "<checkpoint>")
                        .replaceAll("\\d+(\\.\\d+)?", "#"))
                .toList();
    }

    @Test
    void theDaemonGivesTheSameResultsAndTaskLogsAsTheInProcessBridge() {
        Results local = scenario(new InProcessBridge("qemu:///system", Path.of("/var/tmp/holdfast-bridge"), Duration.ofSeconds(2), null),
                "inproc");
        Results remote = scenario(daemon.bridge(Duration.ofSeconds(30)), "daemon");

        for (Results r : List.of(local, remote)) {
            assertThat(r.full().incremental()).isFalse();
            assertThat(r.incremental().incremental()).as("the second backup used the checkpoint").isTrue();
            assertThat(r.incremental().bytesRead()).isLessThanOrEqualTo(4 * MIB);
            assertThat(r.verify().ok()).isTrue();
            assertThat(r.list()).extracting(SnapshotSummary::snapshot)
                    .containsExactly(r.full().snapshot(), r.incremental().snapshot());
            assertThat(r.cancelled()).as("the slow backup was cancelled").isTrue();
        }
        assertThat(remote.full().bytesRead()).isEqualTo(local.full().bytesRead());
        assertThat(remote.full().bytesStored()).isEqualTo(local.full().bytesStored());
        assertThat(remote.incremental().bytesRead()).isEqualTo(local.incremental().bytesRead());
        assertThat(remote.incremental().bytesStored()).isEqualTo(local.incremental().bytesStored());
        assertThat(remote.full().disks()).isEqualTo(local.full().disks());
        assertThat(remote.verify().chunksChecked()).isEqualTo(local.verify().chunksChecked());
        assertThat(remote.log()).as("the task log through the daemon").isEqualTo(local.log());
        assertThat(daemon.log()).as("the daemon's log").doesNotContain(KEY).doesNotContain("Exception");

        // what Prometheus scrapes, and the health check
        String metrics = get("/metrics");
        assertThat(metrics).containsPattern("holdfast_bridge_jobs_total\\{kind=\"backup\",result=\"succeeded\"\\} 2\\.0")
                .containsPattern("holdfast_bridge_jobs_total\\{kind=\"backup\",result=\"cancelled\"\\} 1\\.0")
                .containsPattern("holdfast_bridge_jobs_total\\{kind=\"restore\",result=\"succeeded\"\\} 2\\.0")
                .containsPattern("holdfast_bridge_backup_read_bytes_total [1-9]")
                .contains("holdfast_bridge_jobs_running 0.0")
                .contains("holdfast_bridge_job_duration_seconds_count{kind=\"verify\"}");
        assertThat(get("/v1/health")).contains("\"status\":\"UP\"").contains(daemon.fingerprint());
    }

    private static String get(String path) {
        try {
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().sslContext(PinnedTrust.context(daemon.fingerprint())).build();
            return client.send(java.net.http.HttpRequest.newBuilder(daemon.uri().resolve(path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aWrongCertificateOrTokenIsRefusedBeforeAnythingIsSent() throws IOException {
        long jobsBefore = jobFiles();
        DaemonBridge impostor = new DaemonBridge(daemon.uri(), daemon.token(), "SHA256:" + "A".repeat(43), Duration.ofSeconds(5));
        StorageAccess storage = storage("refused", 0);
        assertThatThrownBy(() -> impostor.backup(new BackupOrder(storage, "00000000-0000-0000-0000-000000000000", true, true, null, "x"),
                new RecordingEvents(), Cancellation.none()))
                .hasMessageContaining("presented a certificate with fingerprint " + daemon.fingerprint())
                .hasMessageContaining("nothing was sent");
        assertThatThrownBy(impostor::check).hasMessageContaining("not the one registered");

        DaemonBridge wrongToken = new DaemonBridge(daemon.uri(), "not-the-token", daemon.fingerprint(), Duration.ofSeconds(5));
        assertThatThrownBy(wrongToken::check).hasMessageContaining("token is missing or wrong");
        assertThatThrownBy(() -> wrongToken.verify(storage, null, new RecordingEvents(), Cancellation.none()))
                .hasMessageContaining("token is missing or wrong");
        assertThat(jobFiles()).as("no job was started").isEqualTo(jobsBefore);
        assertThat(daemon.bridge(Duration.ofSeconds(5)).check()).contains("certificate and token accepted");
    }

    private static long jobFiles() throws IOException {
        try (var files = Files.list(daemon.stateDir().resolve("jobs"))) {
            return files.count();
        }
    }

    @Test
    void theDaemonKeepsNoSecretOnDiskOrCommandLine() throws IOException {
        // the order (with the datastore key) reaches the daemon; the datastore does not exist, which it says
        assertThatThrownBy(() -> daemon.bridge(Duration.ofSeconds(5)).list(storage("secrets", 0), new RecordingEvents()))
                .hasMessageContaining("no datastore at");
        try (var files = Files.walk(daemon.stateDir())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(KEY);
                assertThat(Files.getPosixFilePermissions(f)).as(f.toString())
                        .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            }
        }
        assertThat(Files.readString(Path.of("/proc/" + daemon.pid() + "/cmdline"))).doesNotContain(KEY).doesNotContain(daemon.token());
        assertThat(daemon.log()).doesNotContain(KEY).doesNotContain(daemon.token());
    }
}
