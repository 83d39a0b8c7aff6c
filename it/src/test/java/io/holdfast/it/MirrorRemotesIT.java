package io.holdfast.it;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.Digest;
import io.holdfast.bridge.datastore.FormatV1;
import io.holdfast.bridge.datastore.Manifest;
import io.holdfast.bridge.datastore.SnapshotId;
import io.holdfast.bridge.progress.Cancellation;
import io.holdfast.bridge.progress.ProgressListener;
import io.holdfast.bridge.remote.LocalRemote;
import io.holdfast.bridge.restore.RestoreEngine;
import io.holdfast.bridge.testing.OpenSshServer;
import io.holdfast.bridge.testing.TestVm;
import io.holdfast.bridge.testing.VsftpdServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mirror from an SFTP storage (OpenSSH) to an FTP storage (vsftpd) in the shipped product: the FTP server
 * stopped half-way leaves nothing visible at the destination, and the next run sends only the chunks that
 * did not arrive (the task log's counts); the copy restores bit for bit; a chunk corrupted at the source
 * keeps its snapshot back, named with the chunk, while the other instance's new snapshot is mirrored.
 */
class MirrorRemotesIT {

    private static final long DISK = 32L << 20;

    private static TestVm vm;
    private static TestVm other;
    private static OpenSshServer sftp;
    private static VsftpdServer ftp;
    private static ShippedHost host;
    private static Browser browser;

    @BeforeAll
    static void start() throws IOException {
        Path root = Files.createDirectories(Path.of("target", "mirror-remotes")).toAbsolutePath();
        Path image = root.resolve("random-" + System.nanoTime() + ".raw");
        CrashRecoveryIT.writeRandom(image, DISK); // eight incompressible chunks: slow enough to cut off at 2 MB/s
        vm = TestVm.createFrom(image, "raw", DISK);
        Files.delete(image);
        other = TestVm.create(16L << 20).writePattern(0x71, 0, 4L << 20).writePattern(0x72, 8L << 20, 4L << 20);
        sftp = OpenSshServer.start();
        ftp = VsftpdServer.start(VsftpdServer.Tls.NONE);
        host = ShippedHost.start();
        browser = new Browser(host.baseUrl());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[]{browser, host, ftp, sftp, vm, other}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Test
    void aMirrorCutOffByItsDestinationResumesWithWhatIsMissingAndABadSourceChunkHoldsBackOnlyItsSnapshot() throws Exception {
        Page admin = browser.loginAs("admin", ShippedHost.ADMIN_PASSWORD);
        browser.open(admin, "/admin/p/backup-storage");
        addSftp(admin);
        addFtp(admin);
        BackupUi.assign(browser, admin, "primary-sftp");
        BackupUi.openBackupsTab(browser, admin, vm.name());
        BackupUi.backUp(admin, "Full");
        BackupUi.awaitSucceeded(admin, 1, host::logTail);
        String atBackup = vm.sha256();

        // 1. the destination server stops half-way
        MirrorUi.add(browser, admin, "offsite", "primary-sftp", "offsite-ftp", null, 2);
        browser.open(admin, "/admin/p/backup-mirrors");
        admin.locator("#mirror-run-offsite").click();
        Path destination = ftp.dataFolder().resolve("mirror");
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (chunks(destination) < 2) {
            assertThat(System.nanoTime()).as("two chunks reach the FTP server").isLessThan(deadline);
            Thread.sleep(100);
        }
        ftp.stop();
        assertThat(admin.locator("#mirror-last-offsite")).hasAttribute("data-state", "FAILED",
                new LocatorAssertions.HasAttributeOptions().setTimeout(180_000));
        long arrived = chunks(destination);
        assertThat(manifests(destination)).as("nothing half-copied is visible").isZero();
        Browser.screenshot(admin, "mirror-failed");
        ftp.launch();

        // 2. the next run sends only what did not arrive
        String log = MirrorUi.runAndWait(browser, admin, "offsite", "SUCCEEDED", host::logTail);
        long sent = count(log, "sent (\\d+) chunk\\(s\\)");
        long found = count(log, "(\\d+) chunk\\(s\\) found at the destination");
        assertThat(found).isEqualTo(arrived).isGreaterThanOrEqualTo(2);
        assertThat(sent + found).isEqualTo(DISK / FormatV1.CHUNK_SIZE);
        assertThat(log).contains("Mirrored 1 snapshot(s)").doesNotContain("re-keyed");
        Datastore copy = Datastore.open(new LocalRemote(destination), null);
        List<SnapshotId> copies = copy.snapshots();
        assertThat(copies).hasSize(1);
        assertThat(restored(copy, copies.getFirst())).isEqualTo(atBackup);

        // 3. a chunk corrupted at the source: its snapshot is reported and kept back, the other instance's is mirrored
        BackupUi.openBackupsTab(browser, admin, other.name());
        BackupUi.backUp(admin, "Full");
        BackupUi.awaitSucceeded(admin, 1, host::logTail);
        Datastore source = Datastore.open(new LocalRemote(sftp.dataFolder().resolve("primary")), null);
        SnapshotId damaged = source.snapshots(other.uuid()).getFirst();
        Manifest m = source.manifest(damaged);
        Digest digest = source.index(m, m.disks().getFirst()).get(0);
        try (RandomAccessFile f = new RandomAccessFile(sftp.dataFolder().resolve("primary").resolve(FormatV1.chunkPath(digest.hex()))
                .toFile(), "rw")) {
            f.seek(f.length() - 1);
            int b = f.read();
            f.seek(f.length() - 1);
            f.write(b ^ 0x01);
        }
        vm.writePattern(0x33, 0, 4L << 20);
        BackupUi.openBackupsTab(browser, admin, vm.name());
        BackupUi.backUp(admin, "Incremental");
        BackupUi.awaitSucceeded(admin, 2, host::logTail);
        String partial = MirrorUi.runAndWait(browser, admin, "offsite", "FAILED", host::logTail);
        assertThat(partial).contains("Mirrored 1 snapshot(s), 1 already there")
                .contains("Snapshot " + damaged + " not mirrored: chunk " + digest.hex() + " is corrupt");
        assertThat(admin.locator("#mirror-last-offsite")).containsText("1 snapshot(s) not mirrored (the others were)");
        assertThat(copy.snapshots()).hasSize(2).doesNotContain(damaged);
        Browser.assertNoStackTrace(admin);
        assertThat(host.log()).doesNotContain(sftp.password()).doesNotContain(ftp.password());
    }

    private static long count(String log, String regex) {
        Matcher m = Pattern.compile(regex).matcher(log);
        assertThat(m.find()).as("the task log says /%s/:%n%s", regex, log).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static long chunks(Path datastore) throws IOException {
        Path dir = datastore.resolve(FormatV1.CHUNKS_DIR);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}")).count();
        }
    }

    private static long manifests(Path datastore) throws IOException {
        try (Stream<Path> files = Files.walk(datastore)) {
            return files.filter(p -> p.getFileName().toString().equals(FormatV1.MANIFEST_FILE)).count();
        }
    }

    private static String restored(Datastore store, SnapshotId id) throws IOException {
        Path target = Files.createTempDirectory(Path.of("target", "mirror-remotes"), "restore-").resolve("vda.raw");
        new RestoreEngine(store).restoreToImage(id, "vda", target, "raw", ProgressListener.NONE, Cancellation.none());
        return TestVm.sha256OfImage(target, "raw");
    }

    private static void addSftp(Page admin) {
        admin.locator("#storage-add").click();
        BackupUi.choose(admin, "storage-kind", "SFTP");
        admin.locator("#storage-name input").fill("primary-sftp");
        admin.locator("#storage-host input").fill("127.0.0.1");
        admin.locator("#storage-port input").fill(Integer.toString(sftp.port()));
        admin.locator("#storage-username input").fill(OpenSshServer.USER);
        admin.locator("#storage-password input").fill(sftp.password());
        admin.locator("#storage-prefix input").fill(OpenSshServer.FOLDER + "/primary");
        admin.locator("#storage-test").click();
        assertThat(admin.locator("#storage-test-result")).containsText("OK", new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        admin.locator("#storage-save").click();
        assertThat(admin.locator("#storages")).containsText("primary-sftp");
    }

    private static void addFtp(Page admin) {
        admin.locator("#storage-add").click();
        BackupUi.choose(admin, "storage-kind", "FTP / FTPS");
        admin.locator("#storage-name input").fill("offsite-ftp");
        admin.locator("#storage-host input").fill("127.0.0.1");
        admin.locator("#storage-port input").fill(Integer.toString(ftp.port()));
        admin.locator("#storage-username input").fill(VsftpdServer.USER);
        admin.locator("#storage-password input").fill(ftp.password());
        BackupUi.choose(admin, "storage-ftp-security", "none (plain FTP)");
        admin.locator("#storage-prefix input").fill(VsftpdServer.FOLDER + "/mirror");
        admin.locator("#storage-test").click();
        assertThat(admin.locator("#storage-test-result")).containsText("OK", new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        admin.locator("#storage-save").click();
        assertThat(admin.locator("#storages")).containsText("offsite-ftp");
    }
}
