package io.holdfast.it;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.DatastoreKey;
import io.holdfast.bridge.datastore.SnapshotId;
import io.holdfast.bridge.progress.Cancellation;
import io.holdfast.bridge.progress.ProgressListener;
import io.holdfast.bridge.remote.Remote;
import io.holdfast.bridge.remote.RemoteConfig;
import io.holdfast.bridge.remote.Remotes;
import io.holdfast.bridge.restore.RestoreEngine;
import io.holdfast.bridge.testing.S3ProxyServer;
import io.holdfast.bridge.testing.TestVm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mirrors in the shipped product, in Chromium, with a real VM, a real S3 server and MariaDB: an encrypted
 * local storage mirrored to an encrypted S3 storage with another key. Every mirrored snapshot restores bit for
 * bit from the S3 copy (the engine reading the bucket with the destination's key alone, and the product
 * restoring a copy in place); a second run sends nothing; after one more backup a run sends exactly what that
 * backup stored; the destination's own retention ("latest only") prunes the copies while the source keeps
 * every snapshot.
 */
class MirrorIT {

    private static final long DISK = 32L << 20;

    private static TestVm vm;
    private static S3ProxyServer s3;
    private static ShippedHost host;
    private static Browser browser;

    @BeforeAll
    static void start() throws IOException {
        Path root = Files.createDirectories(Path.of("target", "mirror")).toAbsolutePath();
        Path image = root.resolve("random-" + System.nanoTime() + ".raw");
        CrashRecoveryIT.writeRandom(image, 12L << 20);
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(DISK); // 12 MiB of data, the rest never written
        }
        vm = TestVm.createFrom(image, "raw", DISK);
        Files.delete(image);
        s3 = S3ProxyServer.start();
        host = ShippedHost.start();
        browser = new Browser(host.baseUrl());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[]{browser, host, s3, vm}) {
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
    void aLocalStorageMirroredToEncryptedS3WithAnotherKeyRestoresFromTheCopy() throws Exception {
        Page admin = browser.loginAs("admin", ShippedHost.ADMIN_PASSWORD);
        browser.open(admin, "/admin/p/backup-mirrors");
        assertThat(admin.locator("#mirrors-empty")).containsText("No mirrors yet");
        Browser.screenshot(admin, "mirrors-empty");

        browser.open(admin, "/admin/p/backup-storage");
        Path primaryFolder = Files.createTempDirectory(Files.createDirectories(Path.of("target", "mirror")), "primary-").toAbsolutePath();
        String primaryKey = addEncryptedLocal(admin, "primary", primaryFolder);
        String offsiteKey = addEncryptedS3(admin, "offsite");
        assertThat(offsiteKey).isNotEqualTo(primaryKey);
        BackupUi.assign(browser, admin, "primary");

        BackupUi.openBackupsTab(browser, admin, vm.name());
        BackupUi.backUp(admin, "Full");
        BackupUi.awaitSucceeded(admin, 1, host::logTail);
        String first = vm.sha256();
        vm.writePattern(0x5a, 16L << 20, 4L << 20);
        String second = vm.sha256();
        BackupUi.backUp(admin, "Incremental");
        BackupUi.awaitSucceeded(admin, 2, host::logTail);

        MirrorUi.add(browser, admin, "to-s3", "primary", "offsite", null);
        Browser.screenshot(admin, "mirrors-list");
        String log = MirrorUi.runAndWait(browser, admin, "to-s3", "SUCCEEDED", host::logTail);
        assertThat(log).contains("Mirrored 2 snapshot(s), 0 already there").contains("re-keyed for the destination's key")
                .contains("2 copies recorded in the catalog");
        Browser.screenshot(admin, "mirror-done");

        // the copies, read with the destination's key alone
        List<SnapshotId> copies;
        try (Remote bucket = Remotes.open(s3Config("offsite"))) {
            Datastore offsite = Datastore.open(bucket, DatastoreKey.fromText(offsiteKey));
            copies = offsite.snapshots();
            assertThat(copies).hasSize(2);
            assertThat(offsite.uncommitted()).isEmpty();
            assertThat(restored(offsite, copies.get(0))).isEqualTo(first);
            assertThat(restored(offsite, copies.get(1))).isEqualTo(second);
        }

        // the tenant's (here the admin's) view: each backup also in the mirror's storage; the older copy restored in place
        BackupUi.openBackupsTab(browser, admin, vm.name());
        assertThat(admin.locator("#snapshots vaadin-grid-cell-content:visible", new Page.LocatorOptions().setHasText("offsite (mirror copy)")))
                .hasCount(2);
        Browser.screenshot(admin, "backups-with-copies");
        admin.locator("#snapshots vaadin-button[id^=restore-][data-row='2']:visible").click();
        admin.locator("#restore-target vaadin-radio-button", new Page.LocatorOptions().setHasText(BackupUi.RESTORE_THIS)).click();
        if (admin.locator("#restore-backup-first input").isChecked()) {
            admin.locator("#restore-backup-first input").click();
        }
        admin.locator("#restore-start").click();
        BackupUi.awaitSucceeded(admin, 3, host::logTail);
        assertThat(vm.sha256()).as("the first backup, restored from its S3 copy").isEqualTo(first);
        BackupUi.section(admin, "Tasks");
        admin.locator("#jobs vaadin-button[id^=job-log-][data-row='0']:visible").click();
        assertThat(admin.locator("#task-log")).containsText("from storage offsite");
        admin.keyboard().press("Escape");

        // nothing new: nothing sent
        String again = MirrorUi.runAndWait(browser, admin, "to-s3", "SUCCEEDED", host::logTail);
        assertThat(again).contains("Mirrored 0 snapshot(s), 2 already there").contains("sent 0 chunk(s), 0 B");

        // one more backup: the mirror sends what it stored, byte for byte (same compression, same envelope)
        vm.writePattern(0x6b, 24L << 20, 4L << 20);
        BackupUi.openBackupsTab(browser, admin, vm.name());
        BackupUi.backUp(admin, null);
        BackupUi.awaitSucceeded(admin, 4, host::logTail);
        BackupUi.section(admin, "Tasks");
        admin.locator("#jobs vaadin-button[id^=job-log-][data-row='0']:visible").click();
        Matcher stored = Pattern.compile("stored (\\S+ \\S+) new").matcher(admin.locator("#task-log").innerText());
        assertThat(stored.find()).isTrue();
        admin.keyboard().press("Escape");
        String third = MirrorUi.runAndWait(browser, admin, "to-s3", "SUCCEEDED", host::logTail);
        assertThat(third).contains("Mirrored 1 snapshot(s), 2 already there").contains("sent 1 chunk(s), " + stored.group(1) + " ");

        // the destination keeps the latest copy only; the source keeps all three backups
        browser.open(admin, "/admin/p/backup-mirrors");
        admin.locator("#mirror-edit-to-s3").click();
        BackupUi.choose(admin, "mirror-keep", "Latest only");
        admin.locator("#mirror-save").click();
        String pruned = MirrorUi.runAndWait(browser, admin, "to-s3", "SUCCEEDED", host::logTail);
        assertThat(pruned).contains("Retention at the destination (keep last 1): 2 copy(ies) to delete");
        BackupUi.openBackupsTab(browser, admin, vm.name());
        assertThat(admin.locator("#snapshots vaadin-grid-cell-content:visible", new Page.LocatorOptions().setHasText("offsite (mirror copy)")))
                .hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(120_000));
        try (Remote bucket = Remotes.open(s3Config("offsite"))) {
            assertThat(Datastore.open(bucket, DatastoreKey.fromText(offsiteKey)).snapshots()).hasSize(1);
        }
        try (Remote local = Remotes.open(new RemoteConfig.Local(primaryFolder))) {
            assertThat(Datastore.open(local, DatastoreKey.fromText(primaryKey)).snapshots()).hasSize(3);
        }
        Browser.assertNoStackTrace(admin);
        assertThat(host.log()).doesNotContain(s3.secretKey()).doesNotContain(offsiteKey).doesNotContain(primaryKey);
    }

    private static String restored(Datastore store, SnapshotId id) throws IOException {
        Path target = Files.createTempDirectory(Path.of("target", "mirror"), "restore-").resolve("vda.raw");
        new RestoreEngine(store).restoreToImage(id, "vda", target, "raw", ProgressListener.NONE, Cancellation.none());
        return TestVm.sha256OfImage(target, "raw");
    }

    private static RemoteConfig.S3 s3Config(String prefix) {
        return new RemoteConfig.S3(s3.endpoint(), S3ProxyServer.REGION, S3ProxyServer.BUCKET, prefix, s3.accessKey(), s3.secretKey(),
                true, null);
    }

    private static String addEncryptedLocal(Page admin, String name, Path folder) {
        admin.locator("#storage-add").click();
        BackupUi.choose(admin, "storage-kind", "Local folder");
        admin.locator("#storage-name input").fill(name);
        admin.locator("#storage-path input").fill(folder.toString());
        admin.locator("#storage-encrypted input").check();
        admin.locator("#storage-save").click();
        return keyShownOnce(admin, name);
    }

    private static String addEncryptedS3(Page admin, String name) {
        admin.locator("#storage-add").click();
        BackupUi.choose(admin, "storage-kind", "S3-compatible");
        admin.locator("#storage-name input").fill(name);
        admin.locator("#storage-endpoint input").fill(s3.endpoint().toString());
        admin.locator("#storage-bucket input").fill(S3ProxyServer.BUCKET);
        admin.locator("#storage-region input").fill(S3ProxyServer.REGION);
        admin.locator("#storage-access-key input").fill(s3.accessKey());
        admin.locator("#storage-secret-key input").fill(s3.secretKey());
        admin.locator("#storage-prefix input").fill(name);
        admin.locator("#storage-path-style input").check();
        admin.locator("#storage-encrypted input").check();
        admin.locator("#storage-save").click();
        return keyShownOnce(admin, name);
    }

    private static String keyShownOnce(Page admin, String name) {
        assertThat(admin.locator("#datastore-key")).isVisible();
        String key = admin.locator("#datastore-key").innerText().strip();
        admin.locator("#datastore-key-done").click();
        assertThat(admin.locator("#storages")).containsText(name);
        return key;
    }
}
