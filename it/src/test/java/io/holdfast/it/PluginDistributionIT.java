package io.holdfast.it;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.holdfast.bridge.testing.Commands;
import io.holdfast.bridge.testing.OpenSshServer;
import io.holdfast.bridge.testing.S3ProxyServer;
import io.holdfast.bridge.testing.TestVm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product as a provider installs it ({@link ShippedHost}: the exec jar plus plugins/), driven in
 * Chromium: storages configured on the admin page (a wrong SFTP password, then the right one with its host
 * key pinned; an encrypted S3 storage whose key is shown once), a real running VM backed up full and
 * incremental through the job engine, and restored in place, into another instance, refused for a smaller
 * one, and to a new instance from S3 — each restored disk's SHA-256 equal to the disk at backup time. The
 * page never holds the SFTP password; the server log holds no password, secret key or datastore key.
 */
class PluginDistributionIT {

    private static final long DISK = 64L << 20;

    private static TestVm vm;
    private static TestVm other;
    private static TestVm small;
    private static OpenSshServer sftp;
    private static S3ProxyServer s3;
    private static ShippedHost host;
    private static Browser browser;
    private static String copyName;

    @BeforeAll
    static void start() {
        vm = TestVm.create(DISK);
        vm.writePattern(0x11, 0, 4 << 20).writePattern(0x22, 20L << 20, 8 << 20);
        attachNetworkInterface(vm);
        vm.start();
        other = TestVm.create(DISK);
        small = TestVm.create(DISK / 2);
        sftp = OpenSshServer.start();
        s3 = S3ProxyServer.start();
        host = ShippedHost.start("--holdfast.plugins.backup.rclone-config=" + rcloneConfig());
        browser = new Browser(host.baseUrl());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[]{browser, host, sftp, s3, vm, other, small}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
        if (copyName != null) {
            try {
                Commands.run("virsh", "-c", "qemu:///system", "destroy", copyName);
            } catch (RuntimeException ignored) {
                // not running
            }
            try {
                Commands.run("virsh", "-c", "qemu:///system", "undefine", copyName);
            } catch (RuntimeException ignored) {
                // gone
            }
        }
    }

    @Test
    void storagesBackupsAndRestoresWorkInTheShippedProduct() {
        Page admin = browser.loginAs("admin", ShippedHost.ADMIN_PASSWORD);
        browser.open(admin, "/admin/p/backup-storage");
        assertThat(admin.locator("#storage-empty")).isVisible();
        Browser.screenshot(admin, "storage-empty");

        addSftpStorage(admin);
        addEncryptedS3Storage(admin);
        addRcloneStorage(admin);

        // no storage assigned to the hypervisor yet: backups are refused with the reason
        BackupUi.openBackupsTab(browser, admin, vm.name());
        assertThat(admin.locator("#backups-empty")).containsText("No backups yet");
        admin.locator("#backup-now").click();
        assertThat(admin.locator("#backup-type")).containsText("Hypervisor backup not enabled");
        admin.locator("#backup-start").click();
        assertThat(admin.locator("vaadin-notification-card").last()).containsText("Hypervisor backup not enabled");

        BackupUi.assign(browser, admin, "offsite-sftp", "s3-encrypted");
        Browser.screenshot(admin, "storage-list");

        // full, then incremental, to SFTP
        BackupUi.openBackupsTab(browser, admin, vm.name());
        String atFull = vm.sha256();
        BackupUi.backUp(admin, "Full");
        BackupUi.awaitSucceeded(admin, 1, host::logTail);
        vm.writePattern(0x33, 40L << 20, 4 << 20);
        String atIncremental = vm.sha256();
        BackupUi.backUp(admin, null);
        BackupUi.awaitSucceeded(admin, 2, host::logTail);
        assertThat(admin.locator("#snapshots")).containsText("incremental");
        assertThat(admin.locator("#snapshots")).containsText("full read");
        Browser.screenshot(admin, "backups-tab");
        BackupUi.section(admin, "Tasks");
        admin.locator("#jobs vaadin-button[id^=job-log-][data-row='0']:visible").click();
        assertThat(admin.locator("#task-log")).containsText("Succeeded in");
        assertThat(admin.locator("#task-log")).containsText("libvirt: virDomainBackupBegin (pull mode, with a new checkpoint)");
        assertThat(admin.locator("#task-log")).containsText("libvirt: virDomainAbortJob");
        Browser.screenshot(admin, "task-log");
        admin.keyboard().press("Escape");
        BackupUi.section(admin, "All backups");
        assertThat(atIncremental).isNotEqualTo(atFull);

        // in place: the newest backup replaces what was written since
        vm.writePattern(0x44, 0, 4 << 20);
        BackupUi.restoreNewest(admin, BackupUi.RESTORE_THIS, null);
        BackupUi.awaitSucceeded(admin, 3, host::logTail);
        assertThat(vm.isRunning()).as("started again after the restore").isTrue();
        assertThat(vm.sha256()).isEqualTo(atIncremental);

        // into another instance of the same tenant, and refused for a smaller one with both sizes
        BackupUi.restoreNewest(admin, BackupUi.RESTORE_OTHER, other.name());
        BackupUi.awaitSucceeded(admin, 4, host::logTail);
        assertThat(other.sha256()).isEqualTo(atIncremental);
        BackupUi.restoreNewest(admin, BackupUi.RESTORE_OTHER, small.name());
        BackupUi.section(admin, "Tasks");
        assertThat(admin.locator("#jobs")).containsText("32.0 MiB", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(120_000));
        assertThat(admin.locator("#jobs")).containsText("64.0 MiB");
        Browser.screenshot(admin, "restore-refused-smaller");
        BackupUi.section(admin, "All backups");
        Browser.assertNoStackTrace(admin);

        // a storage that holds snapshots cannot be deleted
        browser.open(admin, "/admin/p/backup-storage");
        admin.locator("#storage-delete-offsite-sftp").click();
        admin.locator("vaadin-button[slot='confirm-button']").click();
        assertThat(admin.locator("vaadin-notification-card").last()).containsText("still holds 2 snapshots");

        // verify, protect (a protected backup is not deleted), unprotect, delete
        BackupUi.openBackupsTab(browser, admin, vm.name());
        admin.locator("#snapshots vaadin-button[id^=verify-][data-row='0']:visible").click();
        BackupUi.awaitSucceeded(admin, 5, host::logTail, "the refused restore into the smaller instance");
        assertThat(admin.locator("#snapshots")).containsText(Pattern.compile("OK \\d\\d-\\d\\d \\d\\d:\\d\\d"));
        admin.locator("#snapshots vaadin-button[id^=protect-][data-row='0']:visible").click();
        assertThat(admin.locator("#snapshots")).containsText("protected");
        assertThat(admin.locator("#snapshots vaadin-button:visible", new Page.LocatorOptions().setHasText("Unprotect"))).hasCount(1);
        admin.locator("#snapshots vaadin-button[id^=delete-][data-row='0']:visible").click();
        admin.locator("vaadin-button[slot='confirm-button']").click();
        assertThat(admin.locator("vaadin-notification-card").last()).containsText("protected: unprotect it");
        admin.locator("#snapshots vaadin-button[id^=protect-][data-row='0']:visible").click();
        // the grid re-renders its buttons after each action: wait for that before the next click
        assertThat(admin.locator("#snapshots vaadin-button:visible", new Page.LocatorOptions().setHasText("Unprotect"))).hasCount(0);
        admin.locator("#snapshots vaadin-button[id^=delete-][data-row='1']:visible").click();
        admin.locator("vaadin-button[slot='confirm-button']").click();
        BackupUi.awaitSucceeded(admin, 6, host::logTail, "the refused restore into the smaller instance");
        assertThat(admin.locator("#snapshots vaadin-button[id^=restore-]:visible")).hasCount(1);
        Browser.screenshot(admin, "after-delete");
        assertThat(admin.locator("#snapshots vaadin-grid-cell-content:visible", new Page.LocatorOptions().setHasText("full read"))).hasCount(0);
        assertThat(admin.locator("#snapshots vaadin-grid-cell-content:visible", new Page.LocatorOptions().setHasText("incremental"))).hasCount(1);

        // an encrypted S3 backup, restored to a new instance
        BackupUi.assign(browser, admin, "s3-encrypted", "offsite-sftp");
        BackupUi.openBackupsTab(browser, admin, vm.name());
        BackupUi.backUp(admin, "Full");
        BackupUi.awaitSucceeded(admin, 7, host::logTail, "the refused restore into the smaller instance");
        vm.writePattern(0x55, 48L << 20, 4 << 20);
        String atS3 = vm.sha256();
        BackupUi.backUp(admin, "Incremental");
        BackupUi.awaitSucceeded(admin, 8, host::logTail, "the refused restore into the smaller instance");
        copyName = vm.name() + "-copy";
        BackupUi.restoreNewest(admin, BackupUi.RESTORE_NEW, copyName);
        BackupUi.awaitSucceeded(admin, 9, host::logTail, "the refused restore into the smaller instance");
        String copyUuid = Commands.run("virsh", "-c", "qemu:///system", "domuuid", copyName).strip();
        assertThat(copyUuid).isNotEqualTo(vm.uuid());
        String vmMac = mac(vm.name());
        assertThat(mac(copyName)).as("the copy has a network card of its own").matches("52:54:00(:[0-9a-f]{2}){3}").isNotEqualTo(vmMac);
        assertThat(Commands.run("virsh", "-c", "qemu:///system", "domstate", copyName).strip()).isEqualTo("running");
        Path copyDisk = vm.disk().resolveSibling(copyName + "-vda.qcow2");
        assertThat(TestVm.sha256OfImage(copyDisk, "qcow2")).isEqualTo(atS3);
        Browser.assertNoStackTrace(admin);

        String log = host.log();
        assertThat(log).doesNotContain(sftp.password()).doesNotContain(s3.secretKey());
        assertThat(log).doesNotContain(datastoreKey);
        String dump = host.databaseDump();
        assertThat(dump).contains("offsite-sftp").contains("backup_storage");
        assertThat(dump).doesNotContain(sftp.password()).doesNotContain(s3.secretKey()).doesNotContain(datastoreKey)
                .doesNotContain(ShippedHost.ADMIN_PASSWORD);
    }

    private static String datastoreKey;

    /** A user-mode (SLIRP) network card, which needs no host network, so the copy's new MAC can be checked. */
    private static void attachNetworkInterface(TestVm vm) {
        try {
            Path xml = java.nio.file.Files.createTempFile(Path.of("target"), "iface", ".xml");
            java.nio.file.Files.writeString(xml, "<interface type='user'><model type='virtio'/></interface>");
            Commands.run("virsh", "-c", "qemu:///system", "attach-device", vm.name(), xml.toString(), "--config");
            java.nio.file.Files.delete(xml);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String mac(String domain) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9a-f]{2}(:[0-9a-f]{2}){5})")
                .matcher(Commands.run("virsh", "-c", "qemu:///system", "domiflist", domain));
        if (!m.find()) {
            throw new AssertionError(domain + " has no network card");
        }
        return m.group(1);
    }

    /** rclone's config on this "hypervisor": one remote of type local (any of rclone's 40+ backends works alike). */
    private static Path rcloneConfig() {
        try {
            Path file = java.nio.file.Files.createDirectories(Path.of("target", "rclone-dist")).toAbsolutePath().resolve("rclone.conf");
            java.nio.file.Files.writeString(file, "[hflocal]\ntype = local\n");
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void addRcloneStorage(Page admin) {
        admin.locator("#storage-add").click();
        BackupUi.choose(admin, "storage-kind", "Rclone remote");
        admin.locator("#storage-name input").fill("via-rclone");
        admin.locator("#storage-rclone-remote input").fill("no-such-remote");
        admin.locator("#storage-prefix input").fill("rclone-data/ds");
        admin.locator("#storage-test").click();
        assertThat(admin.locator("#storage-test-result")).containsText("rclone cannot serve",
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        admin.locator("#storage-rclone-remote input").fill("hflocal");
        admin.locator("#storage-test").click();
        assertThat(admin.locator("#storage-test-result")).containsText("OK",
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        admin.locator("#storage-save").click();
        assertThat(admin.locator("#storages")).containsText("via-rclone");
        assertThat(admin.locator("#storages")).containsText("hflocal:rclone-data/ds");
    }

    private void addSftpStorage(Page admin) {
        admin.locator("#storage-add").click();
        BackupUi.choose(admin, "storage-kind", "SFTP");
        admin.locator("#storage-name input").fill("offsite-sftp");
        admin.locator("#storage-host input").fill("127.0.0.1");
        admin.locator("#storage-port input").fill(Integer.toString(sftp.port()));
        admin.locator("#storage-username input").fill(OpenSshServer.USER);
        admin.locator("#storage-password input").fill("not-" + sftp.password());
        admin.locator("#storage-prefix input").fill(OpenSshServer.FOLDER + "/holdfast");
        admin.locator("#storage-test").click();
        assertThat(admin.locator("#storage-test-result")).containsText("refused the user name or password");
        admin.locator("#storage-password input").fill(sftp.password());
        admin.locator("#storage-test").click();
        assertThat(admin.locator("#storage-test-result")).containsText("OK", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        assertThat(admin.locator("#storage-test-result")).containsText("MB/s");
        assertThat(admin.locator("#storage-test-result")).containsText("SHA256:");
        Browser.screenshot(admin, "storage-sftp-tested");
        admin.locator("#storage-save").click();
        assertThat(admin.locator("#storages")).containsText("offsite-sftp");
        assertThat(admin.content()).doesNotContain(sftp.password());
        Browser.assertNoStackTrace(admin);

        // an edit shows no secret and keeps it unless retyped (the backups below log in with it)
        admin.locator("#storage-edit-offsite-sftp").click();
        assertThat(admin.locator("#storage-password input")).hasValue("");
        assertThat(admin.locator("#storage-password input")).hasAttribute("placeholder", "(saved; type to replace)");
        assertThat(admin.content()).doesNotContain(sftp.password());
        admin.locator("#storage-parallel-jobs input").fill("3");
        admin.locator("#storage-save").click();
        assertThat(admin.locator("#storages")).containsText("offsite-sftp");
    }

    private void addEncryptedS3Storage(Page admin) {
        admin.locator("#storage-add").click();
        BackupUi.choose(admin, "storage-kind", "S3-compatible");
        admin.locator("#storage-name input").fill("s3-encrypted");
        admin.locator("#storage-endpoint input").fill(s3.endpoint().toString());
        admin.locator("#storage-bucket input").fill(S3ProxyServer.BUCKET);
        admin.locator("#storage-region input").fill(S3ProxyServer.REGION);
        admin.locator("#storage-access-key input").fill(s3.accessKey());
        admin.locator("#storage-secret-key input").fill(s3.secretKey());
        admin.locator("#storage-prefix input").fill("ds1");
        admin.locator("#storage-path-style input").check();
        admin.locator("#storage-encrypted input").check();
        admin.locator("#storage-test").click();
        assertThat(admin.locator("#storage-test-result")).containsText("OK", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        admin.locator("#storage-save").click();
        assertThat(admin.locator("#datastore-key")).isVisible();
        Browser.screenshot(admin, "storage-key-once");
        datastoreKey = admin.locator("#datastore-key").innerText().strip();
        assertThat(datastoreKey).hasSize(44);
        admin.locator("#datastore-key-done").click();
        assertThat(admin.locator("#storages")).containsText("s3-encrypted");
        assertThat(admin.content()).doesNotContain(s3.secretKey());
    }

}
