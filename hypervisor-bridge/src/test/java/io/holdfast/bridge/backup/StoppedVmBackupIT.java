package io.holdfast.bridge.backup;

import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.Manifest;
import io.holdfast.bridge.progress.Cancellation;
import io.holdfast.bridge.progress.ProgressListener;
import io.holdfast.bridge.remote.LocalRemote;
import io.holdfast.bridge.restore.RestoreEngine;
import io.holdfast.bridge.restore.RestoreException;
import io.holdfast.bridge.restore.RestoreResult;
import io.holdfast.bridge.testing.TestVm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Backups of a stopped VM (qemu-nbd, the last checkpoint's persistent bitmap) and in-place restore. */
class StoppedVmBackupIT {

    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void aNeverStartedVmIsReadInFull() {
        Datastore datastore = Datastore.create(new LocalRemote(dir.resolve("store")), null);
        try (TestVm vm = TestVm.create(32 * MIB)) {
            vm.writePattern(0x12, 4 * MIB, 6 * MIB);
            String expected = vm.sha256();
            BackupResult result = new BackupEngine(datastore).backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());
            assertThat(result.type()).isEqualTo(Manifest.FULL);
            assertThat(result.checkpoint()).isNull();
            assertThat(result.chunksRead()).isEqualTo(2); // 4-10 MiB lies in blocks 1 and 2; the rest are holes
            Path restored = dir.resolve("r.raw");
            new RestoreEngine(datastore).restoreToImage(result.snapshot(), "vda", restored, "raw", ProgressListener.NONE, Cancellation.none());
            assertThat(TestVm.sha256OfImage(restored, "raw")).isEqualTo(expected);
        }
    }

    @Test
    void offlineIncrementalsUseThePersistentBitmapAndRestoreExactly() {
        Datastore datastore = Datastore.create(new LocalRemote(dir.resolve("store")), null);
        BackupEngine backups = new BackupEngine(datastore);
        RestoreEngine restores = new RestoreEngine(datastore);
        try (TestVm vm = TestVm.create(64 * MIB)) {
            vm.writePattern(0x21, 0, 16 * MIB);
            vm.start();
            BackupResult running = backups.backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());
            vm.stop();

            vm.writePattern(0x22, 32 * MIB, MIB);
            String afterFirstOffline = vm.sha256();
            BackupResult offline1 = backups.backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());
            assertThat(offline1.type()).isEqualTo(Manifest.INCREMENTAL);
            assertThat(offline1.chunksRead()).isEqualTo(1);
            assertThat(offline1.checkpoint()).isEqualTo(running.checkpoint());

            vm.writePattern(0x23, 48 * MIB, MIB);
            String afterSecondOffline = vm.sha256();
            BackupResult offline2 = backups.backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());
            assertThat(offline2.type()).isEqualTo(Manifest.INCREMENTAL);
            assertThat(offline2.chunksRead()).isEqualTo(2); // the same base again: a superset of the changes

            Path r1 = dir.resolve("o1.qcow2");
            restores.restoreToImage(offline1.snapshot(), "vda", r1, "qcow2", ProgressListener.NONE, Cancellation.none());
            assertThat(TestVm.sha256OfImage(r1, "qcow2")).isEqualTo(afterFirstOffline);
            Path r2 = dir.resolve("o2.raw");
            restores.restoreToImage(offline2.snapshot(), "vda", r2, "raw", ProgressListener.NONE, Cancellation.none());
            assertThat(TestVm.sha256OfImage(r2, "raw")).isEqualTo(afterSecondOffline);

            // and back online: the next running backup is an incremental from the same checkpoint
            vm.start();
            vm.writePattern(0x24, 60 * MIB, MIB);
            String online = vm.sha256();
            BackupResult again = backups.backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());
            assertThat(again.type()).isEqualTo(Manifest.INCREMENTAL);
            assertThat(again.chunksRead()).isEqualTo(3);
            Path r3 = dir.resolve("again.raw");
            restores.restoreToImage(again.snapshot(), "vda", r3, "raw", ProgressListener.NONE, Cancellation.none());
            assertThat(TestVm.sha256OfImage(r3, "raw")).isEqualTo(online);
        }
    }

    @Test
    void inPlaceRestoreSwapsOnlyACompleteImageAndKeepsThePreviousOne() throws Exception {
        Datastore datastore = Datastore.create(new LocalRemote(dir.resolve("store")), null);
        try (TestVm vm = TestVm.create(32 * MIB)) {
            vm.writePattern(0x31, 0, 8 * MIB);
            String good = vm.sha256();
            BackupResult backup = new BackupEngine(datastore).backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());
            vm.writePattern(0x32, 0, 16 * MIB);
            String damaged = vm.sha256();

            vm.start();
            RestoreEngine restores = new RestoreEngine(datastore);
            assertThatThrownBy(() -> restores.restoreInPlace("qemu:///system", vm.name(), backup.snapshot(), "vda",
                    ProgressListener.NONE, Cancellation.none()))
                    .isInstanceOf(RestoreException.class).hasMessageContaining("power it off");
            vm.stop();

            RestoreResult result = restores.restoreInPlace("qemu:///system", vm.name(), backup.snapshot(), "vda",
                    ProgressListener.NONE, Cancellation.none());
            assertThat(vm.sha256()).isEqualTo(good);
            assertThat(TestVm.sha256OfImage(result.previousImage(), "qcow2")).isEqualTo(damaged);
            vm.start(); // the restored image boots (libvirt accepts it)
            assertThat(vm.isRunning()).isTrue();
            Files.delete(result.previousImage());
        }
    }

    @Test
    void rollbackWritesOnlyTheBlocksThatDiffer() {
        Datastore datastore = Datastore.create(new LocalRemote(dir.resolve("store")), null);
        try (TestVm vm = TestVm.create(64 * MIB)) {
            vm.writePattern(0x41, 0, 16 * MIB);
            String good = vm.sha256();
            BackupResult backup = new BackupEngine(datastore).backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());
            vm.writePattern(0x42, 4 * MIB, MIB);      // block 1 changed
            vm.writePattern(0x43, 40 * MIB, 2 * MIB); // block 10 was a hole: must become zeroes again
            assertThat(vm.sha256()).isNotEqualTo(good);

            RestoreResult r = new RestoreEngine(datastore).rollbackInPlace("qemu:///system", vm.name(), backup.snapshot(), "vda",
                    ProgressListener.NONE, Cancellation.none());
            assertThat(r.blocksWritten()).isEqualTo(2);
            assertThat(vm.sha256()).isEqualTo(good);
            assertThat(r.image()).isEqualTo(vm.disk());
            try (var files = Files.list(vm.disk().getParent())) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("holdfast-rollback"));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
