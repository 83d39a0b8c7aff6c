package io.holdfast.bridge.backup;

import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.Manifest;
import io.holdfast.bridge.progress.Cancellation;
import io.holdfast.bridge.progress.ProgressListener;
import io.holdfast.bridge.remote.LocalRemote;
import io.holdfast.bridge.restore.RestoreEngine;
import io.holdfast.bridge.testing.TestVm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Backups of a running VM (libvirt pull mode, checkpoints) restore to exactly the disk at backup time. */
class RunningVmBackupIT {

    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void fullThenIncrementalEachRestoreBitExact() {
        Datastore datastore = Datastore.create(new LocalRemote(dir.resolve("store")), null);
        BackupEngine backups = new BackupEngine(datastore);
        RestoreEngine restores = new RestoreEngine(datastore);
        try (TestVm vm = TestVm.create(64 * MIB)) {
            vm.writePattern(0x11, 0, 8 * MIB);
            vm.start();
            vm.writePattern(0x22, 20 * MIB, 3 * MIB);
            String atFirst = vm.sha256();

            BackupResult first = backups.backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());
            assertThat(first.type()).isEqualTo(Manifest.FULL);
            assertThat(first.chunksRead()).isEqualTo(3); // blocks 0, 1 and 5: the rest are holes, never read
            assertThat(vm.checkpoints()).containsExactly(first.checkpoint());

            vm.writePattern(0x33, 41 * MIB, MIB);
            String atSecond = vm.sha256();
            BackupResult second = backups.backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());
            assertThat(second.type()).isEqualTo(Manifest.INCREMENTAL);
            assertThat(second.chunksRead()).isEqualTo(1);
            assertThat(second.chunksReused()).isEqualTo(3);
            assertThat(vm.checkpoints()).containsExactly(second.checkpoint());

            Path raw = dir.resolve("first.raw");
            restores.restoreToImage(first.snapshot(), "vda", raw, "raw", ProgressListener.NONE, Cancellation.none());
            assertThat(TestVm.sha256OfImage(raw, "raw")).isEqualTo(atFirst);
            Path qcow2 = dir.resolve("second.qcow2");
            restores.restoreToImage(second.snapshot(), "vda", qcow2, "qcow2", ProgressListener.NONE, Cancellation.none());
            assertThat(TestVm.sha256OfImage(qcow2, "qcow2")).isEqualTo(atSecond);
            // the bridge writes qcow2 itself (Qcow2Writer): QEMU's own check must find nothing wrong
            assertThat(io.holdfast.bridge.testing.Commands.run("qemu-img", "check", "-f", "qcow2", qcow2.toString()))
                    .contains("No errors were found on the image.");
        }
    }

    @Test
    void dataWrittenDuringTheBackupIsNotInThatSnapshot() {
        Datastore datastore = Datastore.create(new LocalRemote(dir.resolve("store")), null);
        try (TestVm vm = TestVm.create(256 * MIB)) {
            vm.writePattern(0x44, 0, 256 * MIB);
            vm.start();
            String before = vm.sha256();
            AtomicBoolean written = new AtomicBoolean();
            BackupResult result = new BackupEngine(datastore).backup(BackupRequest.of(vm.name()), progress -> {
                if (progress.bytesDone() > 0 && written.compareAndSet(false, true)) {
                    vm.writePattern(0x55, 252 * MIB, 4 * MIB); // the last block, not read yet
                }
            }, Cancellation.none());
            assertThat(written).isTrue();
            assertThat(vm.sha256()).isNotEqualTo(before);

            Path restored = dir.resolve("during.raw");
            new RestoreEngine(datastore).restoreToImage(result.snapshot(), "vda", restored, "raw", ProgressListener.NONE,
                    Cancellation.none());
            assertThat(TestVm.sha256OfImage(restored, "raw")).isEqualTo(before);
        }
    }

    @Test
    void aBackupCancelledHalfWayLeavesNothingAndTheNextOneWorks() {
        Datastore datastore = Datastore.create(new LocalRemote(dir.resolve("store")), null);
        BackupEngine backups = new BackupEngine(datastore);
        try (TestVm vm = TestVm.create(256 * MIB)) {
            vm.writePattern(0x66, 0, 256 * MIB);
            vm.start();
            BackupResult first = backups.backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());
            vm.writePattern(0x77, 0, 128 * MIB);

            Cancellation cancel = new Cancellation();
            assertThatThrownBy(() -> backups.backup(BackupRequest.of(vm.name()), progress -> {
                if (progress.bytesDone() > 0) {
                    cancel.cancel();
                }
            }, cancel)).isInstanceOf(Cancellation.Cancelled.class);

            assertThat(datastore.snapshots()).containsExactly(first.snapshot());
            assertThat(datastore.uncommitted()).isEmpty();
            assertThat(datastore.oldestRunning()).isEmpty();
            assertThat(vm.checkpoints()).containsExactly(first.checkpoint());
            assertThat(vm.hasJob()).isFalse();

            String now = vm.sha256();
            BackupResult next = backups.backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());
            assertThat(next.type()).isEqualTo(Manifest.INCREMENTAL);
            assertThat(next.chunksRead()).isEqualTo(32);
            Path restored = dir.resolve("next.qcow2");
            new RestoreEngine(datastore).restoreToImage(next.snapshot(), "vda", restored, "qcow2", ProgressListener.NONE,
                    Cancellation.none());
            assertThat(TestVm.sha256OfImage(restored, "qcow2")).isEqualTo(now);
        }
    }

    @Test
    void twoVmsBackUpAtTheSameTimeEachOnItsOwnSocket() throws Exception {
        Datastore datastore = Datastore.create(new LocalRemote(dir.resolve("store")), null);
        BackupEngine backups = new BackupEngine(datastore);
        try (TestVm a = TestVm.create(128 * MIB); TestVm b = TestVm.create(128 * MIB)) {
            a.writePattern(0x0a, 0, 64 * MIB).start();
            b.writePattern(0x0b, 0, 64 * MIB).start();
            String shaA = a.sha256();
            String shaB = b.sha256();
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            var fa = pool.submit(() -> backups.backup(BackupRequest.of(a.name()), ProgressListener.NONE, Cancellation.none()));
            var fb = pool.submit(() -> backups.backup(BackupRequest.of(b.name()), ProgressListener.NONE, Cancellation.none()));
            BackupResult ra = fa.get();
            BackupResult rb = fb.get();
            pool.shutdown();
            RestoreEngine restores = new RestoreEngine(datastore);
            restores.restoreToImage(ra.snapshot(), "vda", dir.resolve("a.raw"), "raw", ProgressListener.NONE, Cancellation.none());
            restores.restoreToImage(rb.snapshot(), "vda", dir.resolve("b.raw"), "raw", ProgressListener.NONE, Cancellation.none());
            assertThat(TestVm.sha256OfImage(dir.resolve("a.raw"), "raw")).isEqualTo(shaA);
            assertThat(TestVm.sha256OfImage(dir.resolve("b.raw"), "raw")).isEqualTo(shaB);
            assertThat(a.hasJob()).isFalse();
            assertThat(b.hasJob()).isFalse();
        }
    }

    @Test
    void aLostCheckpointMeansAFullReadThatStoresOnlyChangesAndSaysSo() {
        Datastore datastore = Datastore.create(new LocalRemote(dir.resolve("store")), null);
        BackupEngine backups = new BackupEngine(datastore);
        try (TestVm vm = TestVm.create(64 * MIB)) {
            vm.writePattern(0x13, 0, 32 * MIB);
            vm.start();
            BackupResult first = backups.backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());
            io.holdfast.bridge.testing.Commands.run("virsh", "-c", "qemu:///system", "checkpoint-delete", vm.name(), first.checkpoint());
            vm.writePattern(0x14, 0, 4 * MIB);
            String now = vm.sha256();

            BackupResult second = backups.backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());
            assertThat(second.type()).isEqualTo(Manifest.FULL);
            assertThat(second.chunksRead()).isEqualTo(8);
            assertThat(second.chunksNew()).isEqualTo(1);
            assertThat(second.notes()).anySatisfy(n -> assertThat(n).contains("no longer exists").contains("new checkpoint chain"));
            assertThat(vm.checkpoints()).containsExactly(second.checkpoint());
            Path restored = dir.resolve("r.raw");
            new RestoreEngine(datastore).restoreToImage(second.snapshot(), "vda", restored, "raw", ProgressListener.NONE, Cancellation.none());
            assertThat(TestVm.sha256OfImage(restored, "raw")).isEqualTo(now);
        }
    }

    @Test
    void checkpointsOfOtherToolsAndOtherDatastoresAreNeverTouched() {
        Datastore one = Datastore.create(new LocalRemote(dir.resolve("one")), null);
        Datastore two = Datastore.create(new LocalRemote(dir.resolve("two")), null);
        try (TestVm vm = TestVm.create(32 * MIB)) {
            vm.writePattern(0x15, 0, 8 * MIB);
            vm.start();
            io.holdfast.bridge.testing.Commands.run("virsh", "-c", "qemu:///system", "checkpoint-create-as", vm.name(), "someone-else");
            BackupResult a1 = new BackupEngine(one).backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());
            BackupResult b1 = new BackupEngine(two).backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());
            vm.writePattern(0x16, 0, MIB);
            BackupResult a2 = new BackupEngine(one).backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());
            BackupResult b2 = new BackupEngine(two).backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());
            // each datastore continued its own chain
            assertThat(a2.type()).isEqualTo(Manifest.INCREMENTAL);
            assertThat(b2.type()).isEqualTo(Manifest.INCREMENTAL);
            assertThat(a2.chunksRead()).isEqualTo(1);
            assertThat(b2.chunksRead()).isEqualTo(1);
            assertThat(vm.checkpoints()).containsExactlyInAnyOrder("someone-else", a2.checkpoint(), b2.checkpoint());
            assertThat(a1.checkpoint()).isNotEqualTo(a2.checkpoint());
            assertThat(b1.checkpoint()).isNotEqualTo(b2.checkpoint());
        }
    }
}
