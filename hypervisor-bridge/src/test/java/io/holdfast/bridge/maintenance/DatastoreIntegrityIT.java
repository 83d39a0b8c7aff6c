package io.holdfast.bridge.maintenance;

import io.holdfast.bridge.backup.BackupEngine;
import io.holdfast.bridge.backup.BackupRequest;
import io.holdfast.bridge.backup.BackupResult;
import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.DatastoreKey;
import io.holdfast.bridge.datastore.Digest;
import io.holdfast.bridge.datastore.FormatV1;
import io.holdfast.bridge.datastore.Manifest;
import io.holdfast.bridge.progress.Cancellation;
import io.holdfast.bridge.progress.ProgressListener;
import io.holdfast.bridge.remote.LocalRemote;
import io.holdfast.bridge.restore.RestoreEngine;
import io.holdfast.bridge.restore.RestoreException;
import io.holdfast.bridge.testing.Commands;
import io.holdfast.bridge.testing.TestVm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Verify finds damage; restore refuses to write bad data; dedup across clones; encryption; gc. */
class DatastoreIntegrityIT {

    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void aCorruptedBlobIsFoundByVerifyAndStopsTheRestore() throws Exception {
        Datastore datastore = Datastore.create(new LocalRemote(dir.resolve("store")), null);
        try (TestVm vm = TestVm.create(32 * MIB)) {
            vm.writePattern(0x41, 0, 4 * MIB).writePattern(0x42, 8 * MIB, 4 * MIB);
            BackupResult first = new BackupEngine(datastore).backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());
            vm.writePattern(0x43, 16 * MIB, 4 * MIB);
            BackupResult second = new BackupEngine(datastore).backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());

            Verifier verifier = new Verifier(datastore);
            assertThat(verifier.verify(List.of(), ProgressListener.NONE, Cancellation.none()).ok()).isTrue();

            // flip one byte in the middle of the blob holding block 2 (pattern 0x42), used by both snapshots
            Manifest m = datastore.manifest(first.snapshot());
            Digest digest = datastore.index(m, m.disks().getFirst()).get(2);
            Path blob = dir.resolve("store").resolve(FormatV1.chunkPath(digest.hex()));
            try (RandomAccessFile f = new RandomAccessFile(blob.toFile(), "rw")) {
                f.seek(f.length() / 2);
                int b = f.read();
                f.seek(f.length() / 2);
                f.write(b ^ 0xff);
            }

            Path target = dir.resolve("restored.raw");
            assertThatThrownBy(() -> new RestoreEngine(datastore).restoreToImage(first.snapshot(), "vda", target, "raw",
                    ProgressListener.NONE, Cancellation.none()))
                    .isInstanceOf(RestoreException.class)
                    .hasMessageContaining("cannot be restored")
                    .hasMessageContaining(digest.hex())
                    .hasMessageContaining("corrupt");
            assertThat(target).doesNotExist();

            VerifyReport report = verifier.verify(List.of(second.snapshot()), ProgressListener.NONE, Cancellation.none());
            assertThat(report.ok()).isFalse();
            assertThat(report.badChunks()).containsEntry(digest.hex(), "corrupt");
            assertThat(report.damaged()).containsKeys(first.snapshot(), second.snapshot());
            // read corrupt twice: moved aside, so the chunk is missing and the next backup of the block stores it again
            assertThat(blob).doesNotExist();
            assertThat(blob.resolveSibling(digest.hex() + FormatV1.QUARANTINE_SUFFIX)).exists();

            VerifyReport missing = verifier.verify(List.of(), ProgressListener.NONE, Cancellation.none());
            assertThat(missing.badChunks()).containsEntry(digest.hex(), "missing");
        }
    }

    @Test
    void aCloneOfABackedUpVmStoresAlmostNothingNew() throws Exception {
        Path base = dir.resolve("base.raw");
        byte[] block = new byte[(int) MIB];
        Random random = new Random(42);
        try (RandomAccessFile f = new RandomAccessFile(base.toFile(), "rw")) {
            f.setLength(128 * MIB);
            for (int i = 0; i < 48; i++) { // 48 MiB of incompressible "installed system"
                random.nextBytes(block);
                f.write(block);
            }
        }
        Datastore datastore = Datastore.create(new LocalRemote(dir.resolve("store")), null);
        BackupEngine backups = new BackupEngine(datastore);
        try (TestVm one = TestVm.createFrom(base, "raw", 128 * MIB); TestVm two = TestVm.createFrom(base, "raw", 128 * MIB)) {
            two.writePattern(0x99, 100 * MIB, MIB); // the clone's own change after cloning
            BackupResult first = backups.backup(BackupRequest.of(one.name()), ProgressListener.NONE, Cancellation.none());
            BackupResult second = backups.backup(BackupRequest.of(two.name()), ProgressListener.NONE, Cancellation.none());
            assertThat(first.bytesStored()).isGreaterThan(48 * MIB);
            assertThat(second.bytesRead()).isGreaterThan(48 * MIB);
            assertThat((double) second.bytesStored()).isLessThan(0.05 * first.bytesStored());
            assertThat(second.chunksNew()).isEqualTo(1);
        }
    }

    @Test
    void anEncryptedDatastoreNeedsItsKeyAndRestoresWithIt() {
        Path keyFile = dir.resolve("key");
        DatastoreKey key = DatastoreKey.generateInto(keyFile);
        LocalRemote remote = new LocalRemote(dir.resolve("store"));
        Datastore datastore = Datastore.create(remote, key);
        try (TestVm vm = TestVm.create(16 * MIB)) {
            vm.writePattern(0x51, 0, 8 * MIB);
            String expected = vm.sha256();
            BackupResult result = new BackupEngine(datastore).backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());

            // the stored blobs do not contain the plaintext pattern
            String anyBlob = Commands.run("sh", "-c", "find " + dir.resolve("store/chunks") + " -type f | head -1").strip();
            assertThat(Commands.run("sh", "-c", "od -An -tx1 " + anyBlob + " | grep -c '51 51 51 51 51 51 51 51' || true").strip())
                    .isEqualTo("0");

            assertThatThrownBy(() -> Datastore.open(remote, null)).hasMessageContaining("is encrypted");
            assertThatThrownBy(() -> Datastore.open(remote, DatastoreKey.generate())).hasMessageContaining("wrong key");

            Datastore reopened = Datastore.open(remote, DatastoreKey.read(keyFile));
            Path restored = dir.resolve("r.raw");
            new RestoreEngine(reopened).restoreToImage(result.snapshot(), "vda", restored, "raw", ProgressListener.NONE, Cancellation.none());
            assertThat(TestVm.sha256OfImage(restored, "raw")).isEqualTo(expected);
        }
    }

    @Test
    void gcRemovesOnlyChunksNoSnapshotReferences() throws Exception {
        LocalRemote remote = new LocalRemote(dir.resolve("store"));
        Datastore datastore = Datastore.create(remote, null);
        try (TestVm vm = TestVm.create(32 * MIB)) {
            vm.writePattern(0x61, 0, 4 * MIB);
            BackupResult first = new BackupEngine(datastore).backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());
            vm.writePattern(0x62, 0, 4 * MIB);
            String expected = vm.sha256();
            BackupResult second = new BackupEngine(datastore).backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());
            datastore.deleteSnapshot(first.snapshot());

            // chunks written just now are younger than the cut-off: kept
            GcReport young = new GarbageCollector(datastore).collect(false);
            assertThat(young.chunksRemoved()).isZero();
            assertThat(young.chunksKeptYoung()).isEqualTo(1);

            // age every chunk beyond the margin, as if the backups were an hour old
            Commands.run("sh", "-c", "find " + dir.resolve("store/chunks") + " -type f -exec touch -d '-1 hour' {} +");
            GcReport dry = new GarbageCollector(datastore).collect(true);
            assertThat(dry.chunksRemoved()).isEqualTo(1);
            GcReport real = new GarbageCollector(datastore).collect(false);
            assertThat(real.chunksRemoved()).isEqualTo(1);
            assertThat(new Verifier(datastore).verify(List.of(), ProgressListener.NONE, Cancellation.none()).ok()).isTrue();
            Path restored = dir.resolve("r.raw");
            new RestoreEngine(datastore).restoreToImage(second.snapshot(), "vda", restored, "raw", ProgressListener.NONE, Cancellation.none());
            assertThat(TestVm.sha256OfImage(restored, "raw")).isEqualTo(expected);
        }
    }
}
