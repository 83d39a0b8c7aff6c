package io.holdfast.it;

import com.microsoft.playwright.Page;
import io.holdfast.bridge.daemon.DaemonProcess;
import io.holdfast.bridge.testing.TestVm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bridge daemon in the shipped product: the admin registers the daemon (a real {@code holdfast-bridge serve}
 * process from the shipped CLI jar, on loopback, real TLS) for the hypervisor on the Backup Hypervisors page,
 * comparing the fingerprint the server presents; backups and restores then run through it — bit-exact, with the
 * daemon's job in the task log; a registration with another fingerprint is refused before anything is sent
 * and a backup then fails with that reason in the queue; removing the registration goes back to in-process.
 */
class BridgeDaemonIT {

    private static final long DISK = 32L << 20;

    private static TestVm vm;
    private static DaemonProcess daemon;
    private static ShippedHost host;
    private static Browser browser;

    @BeforeAll
    static void start() throws IOException {
        Path root = Files.createDirectories(Path.of("target", "bridge-daemon")).toAbsolutePath();
        Path image = root.resolve("random-" + System.nanoTime() + ".raw");
        CrashRecoveryIT.writeRandom(image, 8L << 20);
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(DISK);
        }
        vm = TestVm.createFrom(image, "raw", DISK);
        Files.delete(image);
        daemon = DaemonProcess.start(Files.createTempDirectory(root, "state-"), DaemonProcess.freePort(),
                Path.of("..", "hypervisor-bridge", "target"));
        host = ShippedHost.start();
        browser = new Browser(host.baseUrl());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[]{browser, host, daemon, vm}) {
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
    void backupsAndRestoresRunThroughARegisteredDaemon() throws IOException {
        Page admin = browser.loginAs("admin", ShippedHost.ADMIN_PASSWORD);
        browser.open(admin, "/admin/p/backup-hypervisors");
        assertThat(admin.locator("#bridge-local")).hasText("in-process (this machine)");
        Browser.screenshot(admin, "hypervisors-in-process");

        admin.locator("#bridge-register-local").click();
        admin.locator("#bridge-url input").fill(daemon.uri().toString());
        admin.locator("#bridge-token input").fill(daemon.token());
        admin.locator("#bridge-read-fingerprint").click();
        assertThat(admin.locator("#bridge-presented")).containsText("The server presents " + daemon.fingerprint());
        assertThat(admin.locator("#bridge-fingerprint input")).hasValue(daemon.fingerprint());
        Browser.screenshot(admin, "hypervisor-register-dialog");
        admin.locator("#bridge-save").click();
        assertThat(admin.locator("#bridge-local")).containsText("daemon " + daemon.uri() + " — tested OK at");
        assertThat(admin.locator("body")).not().containsText(daemon.token());
        Browser.screenshot(admin, "hypervisors-daemon");

        browser.open(admin, "/admin/p/backup-storage");
        Path folder = Files.createTempDirectory(Files.createDirectories(Path.of("target", "bridge-daemon")), "store-").toAbsolutePath();
        BackupUi.addLocalStorage(admin, "viadaemon", folder.toString(), null);
        BackupUi.assign(browser, admin, "viadaemon");

        BackupUi.openBackupsTab(browser, admin, vm.name());
        BackupUi.backUp(admin, "Full");
        BackupUi.awaitSucceeded(admin, 1, host::logTail);
        String first = vm.sha256();
        vm.writePattern(0x5a, 16L << 20, 2L << 20);
        BackupUi.backUp(admin, "Incremental");
        BackupUi.awaitSucceeded(admin, 2, host::logTail);
        BackupUi.section(admin, "Tasks");
        admin.locator("#jobs vaadin-button[id^=job-log-][data-row='0']:visible").click();
        assertThat(admin.locator("#task-log")).containsText("Bridge daemon 127.0.0.1: job");
        assertThat(admin.locator("#task-log")).containsText("Incremental backup of disk vda begins");
        admin.keyboard().press("Escape");
        assertThat(daemon.log()).contains("(BACKUP) SUCCEEDED");

        // the first backup back in place, through the daemon
        BackupUi.section(admin, "All backups");
        admin.locator("#snapshots vaadin-button[id^=restore-][data-row='1']:visible").click();
        admin.locator("#restore-target vaadin-radio-button", new Page.LocatorOptions().setHasText(BackupUi.RESTORE_THIS)).click();
        if (admin.locator("#restore-backup-first input").isChecked()) {
            admin.locator("#restore-backup-first input").click();
        }
        admin.locator("#restore-start").click();
        BackupUi.awaitSucceeded(admin, 3, host::logTail);
        assertThat(vm.sha256()).as("the full backup, restored in place by the daemon").isEqualTo(first);
        assertThat(daemon.log()).contains("(RESTORE) SUCCEEDED");

        // another certificate pinned: the Test says so and a backup fails with that reason, nothing sent
        browser.open(admin, "/admin/p/backup-hypervisors");
        admin.locator("#bridge-register-local").click();
        admin.locator("#bridge-fingerprint input").fill("SHA256:" + "B".repeat(43));
        admin.locator("#bridge-save").click();
        assertThat(admin.locator("vaadin-notification-card").last()).containsText("Registered, but the Test failed");
        assertThat(admin.locator("#bridge-local")).containsText("presented a certificate with fingerprint " + daemon.fingerprint());
        Browser.screenshot(admin, "hypervisors-pin-mismatch");
        BackupUi.openBackupsTab(browser, admin, vm.name());
        BackupUi.backUp(admin, "Full");
        BackupUi.section(admin, "Queue");
        assertThat(admin.locator("#queue")).containsText("not the one registered for it: nothing was sent",
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(60_000));

        // removed: this machine's hypervisor runs in-process again
        browser.open(admin, "/admin/p/backup-hypervisors");
        admin.locator("#bridge-remove-local").click();
        admin.locator("vaadin-button[slot='confirm-button']").click();
        assertThat(admin.locator("#bridge-local")).hasText("in-process (this machine)");
        BackupUi.openBackupsTab(browser, admin, vm.name());
        BackupUi.backUp(admin, "Full");
        BackupUi.awaitSucceeded(admin, 4, host::logTail, "the backup with the wrong pin");
    }
}
