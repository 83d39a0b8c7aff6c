package io.holdfast.bridge.mirror;

import io.holdfast.bridge.backup.BackupEngine;
import io.holdfast.bridge.backup.BackupRequest;
import io.holdfast.bridge.backup.BackupResult;
import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.DatastoreKey;
import io.holdfast.bridge.datastore.Digest;
import io.holdfast.bridge.datastore.FormatV1;
import io.holdfast.bridge.datastore.Manifest;
import io.holdfast.bridge.datastore.SnapshotId;
import io.holdfast.bridge.maintenance.Verifier;
import io.holdfast.bridge.maintenance.VerifyReport;
import io.holdfast.bridge.progress.Cancellation;
import io.holdfast.bridge.progress.ProgressListener;
import io.holdfast.bridge.remote.LocalRemote;
import io.holdfast.bridge.remote.MeteredRemote;
import io.holdfast.bridge.remote.RemoteException;
import io.holdfast.bridge.restore.RestoreEngine;
import io.holdfast.bridge.testing.TestVm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mirrors between real datastores on local folders, of snapshots of real (stopped) VMs: what is sent, what
 * restores from the destination (SHA-256 against the VM's disk at backup time), a cut-off run, a corrupt
 * source chunk, and a destination chunk its verify found bad. The remotes' own behaviour (S3, SFTP, FTP) is
 * exercised by the mirror scenarios in {@code it}.
 */
class MirrorEngineIT {

    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    private record Backup(SnapshotId id, String sha256, BackupResult result) {
    }

    private static Backup backup(Datastore store, TestVm vm) {
        BackupResult r = new BackupEngine(store).backup(BackupRequest.of(vm.name()), ProgressListener.NONE, Cancellation.none());
        return new Backup(r.snapshot(), vm.sha256(), r);
    }

    private static MirrorReport mirror(Datastore from, Datastore to, List<SnapshotId> ids, Set<SnapshotId> repair) {
        return new MirrorEngine(from, to).mirror(new MirrorRequest(ids, repair, "mirror-test"), ProgressListener.NONE,
                Cancellation.none());
    }

    private void assertRestoresBitExact(Datastore store, Backup b) {
        Path target = dir.resolve("restored-" + System.nanoTime() + ".raw");
        new RestoreEngine(store).restoreToImage(b.id(), "vda", target, "raw", ProgressListener.NONE, Cancellation.none());
        assertThat(TestVm.sha256OfImage(target, "raw")).as("restore of %s from the destination", b.id()).isEqualTo(b.sha256());
    }

    private static long chunkFiles(Path store) throws IOException {
        try (Stream<Path> files = Files.walk(store.resolve(FormatV1.CHUNKS_DIR))) {
            return files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(FormatV1.QUARANTINE_SUFFIX)).count();
        }
    }

    @Test
    void sameKeyMirrorSendsOnlyWhatIsMissingAndEverySnapshotRestoresFromTheCopy() throws Exception {
        Datastore source = Datastore.create(new LocalRemote(dir.resolve("src")), null);
        Datastore destination = Datastore.create(new LocalRemote(dir.resolve("dst")), null);
        try (TestVm vm = TestVm.create(32 * MIB)) {
            vm.writePattern(0x41, 0, 4 * MIB).writePattern(0x42, 8 * MIB, 4 * MIB);
            Backup first = backup(source, vm);
            vm.writePattern(0x43, 16 * MIB, 4 * MIB);
            Backup second = backup(source, vm);

            MirrorReport report = mirror(source, destination, List.of(second.id(), first.id()), Set.of());
            assertThat(report.mirrored()).containsExactly(first.id(), second.id());
            assertThat(report.ok()).isTrue();
            assertThat(report.rekeyed()).isFalse();
            assertThat(report.chunksSent()).isEqualTo(3);
            assertThat(report.bytesSent()).isEqualTo(first.result().bytesStored() + second.result().bytesStored());
            assertThat(destination.snapshots()).containsExactly(first.id(), second.id());
            assertRestoresBitExact(destination, first);
            assertRestoresBitExact(destination, second);
            assertThat(destination.manifest(second.id()).notes()).anyMatch(n -> n.startsWith("Mirrored from datastore "));

            MirrorReport again = mirror(source, destination, List.of(first.id(), second.id()), Set.of());
            assertThat(again.chunksSent()).isZero();
            assertThat(again.bytesSent()).isZero();
            assertThat(again.alreadyThere()).containsExactly(first.id(), second.id());

            vm.writePattern(0x44, 24 * MIB, 4 * MIB);
            Backup third = backup(source, vm);
            MirrorReport next = mirror(source, destination, List.of(first.id(), second.id(), third.id()), Set.of());
            assertThat(next.mirrored()).containsExactly(third.id());
            assertThat(next.chunksSent()).isEqualTo(third.result().chunksNew());
            assertThat(next.bytesSent()).isEqualTo(third.result().bytesStored());
            assertRestoresBitExact(destination, third);
        }
    }

    @Test
    void anotherKeyReKeysEveryBlockAndAnIncrementalReadsOnlyItsNewBlocksFromTheSource() {
        MeteredRemote sourceRemote = new MeteredRemote(new LocalRemote(dir.resolve("src")));
        Datastore source = Datastore.create(sourceRemote, DatastoreKey.generate());
        DatastoreKey destinationKey = DatastoreKey.generate();
        Datastore destination = Datastore.create(new LocalRemote(dir.resolve("dst")), destinationKey);
        try (TestVm vm = TestVm.create(32 * MIB)) {
            vm.writePattern(0x51, 0, 4 * MIB).writePattern(0x52, 8 * MIB, 4 * MIB);
            Backup first = backup(source, vm);
            MirrorReport report = mirror(source, destination, List.of(first.id()), Set.of());
            assertThat(report.rekeyed()).isTrue();
            assertThat(report.chunksSent()).isEqualTo(2);
            Manifest copied = destination.manifest(first.id());
            Manifest original = source.manifest(first.id());
            assertThat(destination.index(copied, copied.disks().getFirst()).storedDigests())
                    .doesNotContainAnyElementsOf(source.index(original, original.disks().getFirst()).storedDigests());
            // the copy needs the destination's key alone
            Datastore reopened = Datastore.open(new LocalRemote(dir.resolve("dst")), destinationKey);
            assertRestoresBitExact(reopened, first);

            vm.writePattern(0x53, 16 * MIB, 4 * MIB);
            Backup second = backup(source, vm);
            long readBefore = sourceRemote.metrics().bytesRead();
            MirrorReport next = mirror(source, destination, List.of(first.id(), second.id()), Set.of());
            long chunkBytesRead = sourceRemote.metrics().bytesRead() - readBefore;
            assertThat(next.mirrored()).containsExactly(second.id());
            assertThat(next.chunksSent()).isEqualTo(1);
            // the unchanged blocks' new digests come from the first copy: only the changed block is read (plus indexes)
            assertThat(chunkBytesRead).isLessThan(second.result().bytesStored() + 64 * 1024);
            assertRestoresBitExact(reopened, second);
        }
    }

    @Test
    void aCorruptChunkAtTheSourceKeepsOnlyItsSnapshotBack() throws Exception {
        Datastore source = Datastore.create(new LocalRemote(dir.resolve("src")), null);
        Datastore destination = Datastore.create(new LocalRemote(dir.resolve("dst")), null);
        try (TestVm damaged = TestVm.create(16 * MIB); TestVm sound = TestVm.create(16 * MIB)) {
            damaged.writePattern(0x61, 0, 4 * MIB);
            sound.writePattern(0x62, 0, 4 * MIB);
            Backup bad = backup(source, damaged);
            Backup good = backup(source, sound);
            Manifest m = source.manifest(bad.id());
            Digest digest = source.index(m, m.disks().getFirst()).get(0);
            try (RandomAccessFile f = new RandomAccessFile(dir.resolve("src").resolve(FormatV1.chunkPath(digest.hex())).toFile(), "rw")) {
                f.seek(f.length() - 1);
                int b = f.read();
                f.seek(f.length() - 1);
                f.write(b ^ 0x01);
            }

            MirrorReport report = mirror(source, destination, List.of(bad.id(), good.id()), Set.of());
            assertThat(report.mirrored()).containsExactly(good.id());
            assertThat(report.refused()).containsOnlyKeys(bad.id());
            assertThat(report.refused().get(bad.id())).contains(digest.hex()).contains("corrupt");
            assertThat(destination.snapshots()).containsExactly(good.id());
            assertThat(destination.uncommitted()).isEmpty();
            assertRestoresBitExact(destination, good);
        }
    }

    @Test
    void aMirrorCutOffHalfWayShowsNothingAndTheNextRunSendsOnlyWhatIsMissing() throws Exception {
        Datastore source = Datastore.create(new LocalRemote(dir.resolve("src")), null);
        Datastore.create(new LocalRemote(dir.resolve("dst")), null);
        try (TestVm vm = TestVm.create(64 * MIB)) {
            for (int i = 0; i < 8; i++) {
                vm.writePattern(0x70 + i, i * 8 * MIB, 4 * MIB);
            }
            Backup full = backup(source, vm);
            assertThat(full.result().chunksNew()).isEqualTo(8);

            Datastore cut = Datastore.open(new CutOffRemote(new LocalRemote(dir.resolve("dst")), 3), null);
            assertThatThrownBy(() -> mirror(source, cut, List.of(full.id()), Set.of()))
                    .isInstanceOf(RemoteException.class).hasMessageContaining("connection to the destination lost");
            Datastore destination = Datastore.open(new LocalRemote(dir.resolve("dst")), null);
            assertThat(destination.snapshots()).isEmpty();
            long alreadyThere = chunkFiles(dir.resolve("dst"));
            assertThat(alreadyThere).isEqualTo(3);

            MirrorReport resumed = mirror(source, destination, List.of(full.id()), Set.of());
            assertThat(resumed.mirrored()).containsExactly(full.id());
            assertThat(resumed.chunksFound()).isEqualTo(alreadyThere);
            assertThat(resumed.chunksSent()).isEqualTo(8 - alreadyThere);
            assertRestoresBitExact(destination, full);
        }
    }

    @Test
    void aChunkTheDestinationsVerifyFoundBadIsSentAgainByTheNextMirror() throws Exception {
        Datastore source = Datastore.create(new LocalRemote(dir.resolve("src")), DatastoreKey.generate());
        Datastore destination = Datastore.create(new LocalRemote(dir.resolve("dst")), DatastoreKey.generate());
        try (TestVm vm = TestVm.create(16 * MIB)) {
            vm.writePattern(0x81, 0, 4 * MIB).writePattern(0x82, 8 * MIB, 4 * MIB);
            Backup b = backup(source, vm);
            mirror(source, destination, List.of(b.id()), Set.of());
            Manifest m = destination.manifest(b.id());
            Digest digest = destination.index(m, m.disks().getFirst()).get(2);
            Path blob = dir.resolve("dst").resolve(FormatV1.chunkPath(digest.hex()));
            Files.write(blob, new byte[]{1, 2, 3});

            VerifyReport found = new Verifier(destination).verify(List.of(b.id()), ProgressListener.NONE, Cancellation.none());
            assertThat(found.badChunks()).containsEntry(digest.hex(), "corrupt");
            assertThat(blob).doesNotExist();

            MirrorReport plain = mirror(source, destination, List.of(b.id()), Set.of());
            assertThat(plain.alreadyThere()).containsExactly(b.id());
            MirrorReport repair = mirror(source, destination, List.of(b.id()), Set.of(b.id()));
            assertThat(repair.repaired()).containsExactly(b.id());
            assertThat(repair.chunksSent()).isEqualTo(1);
            assertThat(repair.chunksFound()).isEqualTo(1);
            assertThat(new Verifier(destination).verify(List.of(b.id()), ProgressListener.NONE, Cancellation.none()).ok()).isTrue();
            assertRestoresBitExact(destination, b);
        }
    }
}
