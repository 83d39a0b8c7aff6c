package io.holdfast.it;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.holdfast.bridge.testing.Commands;
import io.holdfast.bridge.testing.OpenSshServer;
import io.holdfast.bridge.testing.TestVm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hosting customer's self-service in the shipped product ({@link ShippedHost}), in Chromium, with a real
 * MariaDB, a real VM and a real SFTP server: the admin adds a storage and gives the VM to tenant Acme;
 * Acme's user makes a full backup and watches its progress bar move (pushed by the server), writes data,
 * makes an incremental, restores the first backup in place (after a backup of the current state) and gets
 * the first disk back bit for bit, restores to a new instance that appears in their list and runs; a user
 * of another tenant sees none of it; a backup with the storage server stopped fails with its reason in the
 * queue and the task log; the admin sees every job (filters, retry) and the Overview.
 */
class SelfServiceIT {

    private static final long DISK = 48L << 20;

    private static TestVm vm;
    private static TestVm bobVm;
    private static OpenSshServer sftp;
    private static ShippedHost host;
    private static Browser browser;
    private static String copyName;

    @BeforeAll
    static void start() throws IOException {
        Path root = Files.createDirectories(Path.of("target", "self-service")).toAbsolutePath();
        Path image = root.resolve("random-" + System.nanoTime() + ".raw");
        // random data: the storage's bandwidth limit then makes the backup last long enough to watch
        CrashRecoveryIT.writeRandom(image, DISK);
        vm = TestVm.createFrom(image, "raw", DISK);
        Files.delete(image);
        vm.start();
        bobVm = TestVm.create(8L << 20);
        sftp = OpenSshServer.start();
        host = ShippedHost.start();
        browser = new Browser(host.baseUrl());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[]{browser, host, sftp, vm, bobVm}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
        if (copyName != null) {
            for (String verb : new String[]{"destroy", "undefine"}) {
                try {
                    Commands.run("virsh", "-c", "qemu:///system", verb, copyName);
                } catch (RuntimeException ignored) {
                    // already gone
                }
            }
            try {
                Files.deleteIfExists(vm.disk().resolveSibling(copyName + "-vda.raw"));
                Files.deleteIfExists(vm.disk().resolveSibling(copyName + "-vda.qcow2"));
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    @Test
    void aTenantBacksUpAndRestoresTheirOwnVmAndNobodyElseSeesIt() {
        Page admin = browser.loginAs("admin", ShippedHost.ADMIN_PASSWORD);
        setUpTenants(admin);
        browser.open(admin, "/admin/p/backup-jobs");
        assertThat(admin.locator("#jobs-empty")).containsText("No jobs yet");
        Browser.screenshot(admin, "admin-jobs-empty");
        browser.open(admin, "/admin/p/backup-overview");
        assertThat(admin.locator("#backup-overview")).containsText("No backups are stored yet");
        browser.open(admin, "/admin/p/backup-storage");
        addSftpStorage(admin);
        BackupUi.assign(browser, admin, "customer-sftp");

        // 1. the tenant's first backup, its progress pushed to the page
        Page alice = browser.loginAs("alice", "alice-pass-1");
        BackupUi.openBackupsTab(browser, alice, vm.name());
        assertThat(alice.locator("#backups-empty")).containsText("No backups yet");
        Browser.screenshot(alice, "user-backups-empty");
        BackupUi.section(alice, "Queue");
        assertThat(alice.locator("#queue-empty")).isVisible();
        BackupUi.section(alice, "Chart");
        assertThat(alice.locator("#backup-chart")).containsText("appears after the first backup");
        alice.locator("#backup-now").click();
        assertThat(alice.locator("#backup-type")).containsText("Incremental is not available");
        assertThat(alice.locator("#backup-type vaadin-radio-button", new Page.LocatorOptions().setHasText("Incremental")))
                .hasAttribute("disabled", "");
        alice.keyboard().press("Escape");
        String atFirst = vm.sha256();
        BackupUi.backUp(alice, "Full");
        assertThat(alice.locator("#backup-sections vaadin-tab[selected]")).hasText("Queue");
        List<Double> seen = watchProgress(alice);
        assertThat(new LinkedHashSet<>(seen)).as("progress values seen before 100 %%: %s", seen).hasSizeGreaterThanOrEqualTo(3);
        BackupUi.awaitSucceeded(alice, 1, host::logTail);

        // 2. data written, an incremental, then the first backup restored in place after a backup of now
        vm.writePattern(0x5a, 8L << 20, 4 << 20);
        String atSecond = vm.sha256();
        assertThat(atSecond).isNotEqualTo(atFirst);
        BackupUi.backUp(alice, "Incremental");
        BackupUi.awaitSucceeded(alice, 2, host::logTail);
        assertThat(alice.locator("#snapshots")).containsText("incremental");
        assertThat(alice.locator("#snapshots")).containsText("customer-sftp");
        Browser.screenshot(alice, "user-backups");
        alice.locator("#snapshots vaadin-button[id^=restore-][data-row='1']:visible").click();
        assertThat(alice.locator("#restore-warning")).containsText("is lost");
        assertThat(alice.locator("#restore-backup-first input")).isChecked();
        Browser.screenshot(alice, "user-restore-dialog");
        alice.locator("#restore-start").click();
        BackupUi.awaitSucceeded(alice, 4, host::logTail);
        assertThat(vm.sha256()).as("the disk is the first backup's again").isEqualTo(atFirst);
        assertThat(vm.isRunning()).as("running again after the restore").isTrue();
        assertThat(alice.locator("#snapshots vaadin-button[id^=restore-]:visible")).hasCount(3);

        // 3. restore to a new instance: it appears in the user's list, and runs
        copyName = vm.name() + "-new";
        BackupUi.restoreNewest(alice, BackupUi.RESTORE_NEW, copyName);
        BackupUi.awaitSucceeded(alice, 5, host::logTail);
        assertThat(Commands.run("virsh", "-c", "qemu:///system", "domstate", copyName).strip()).isEqualTo("running");
        browser.open(alice, "/");
        assertThat(alice.locator("#instances")).containsText(copyName);
        BackupUi.openBackupsTab(browser, alice, vm.name());
        BackupUi.section(alice, "Chart");
        assertThat(alice.locator("#backup-chart svg")).hasCount(2);
        Browser.screenshot(alice, "user-chart");
        BackupUi.section(alice, "Tasks");
        Browser.screenshot(alice, "user-tasks");
        alice.locator("#jobs vaadin-button[id^=job-log-][data-row='1']:visible").click();
        assertThat(alice.locator("#task-log")).containsText("Succeeded in");
        Browser.screenshot(alice, "user-task-log");
        alice.keyboard().press("Escape");
        Browser.assertNoStackTrace(alice);

        // 4. another tenant's user: not in the list, not by address, no restore target, no jobs
        Page bob = browser.loginAs("bob", "bob-pass-12");
        browser.open(bob, "/");
        assertThat(bob.locator("#instances")).containsText(bobVm.name());
        assertThat(bob.locator("body")).not().containsText(vm.name());
        String alicePath = instancePath(admin, vm.name());
        browser.open(bob, alicePath);
        assertThat(bob.locator("body")).containsText("Instance not found");
        BackupUi.openBackupsTab(browser, bob, bobVm.name());
        BackupUi.section(bob, "Tasks");
        assertThat(bob.locator("#tasks-empty")).isVisible();
        browser.open(bob, "/admin/p/backup-jobs");
        assertThat(bob.locator("#all-jobs")).hasCount(0);
        assertThat(bob.locator("body")).not().containsText(vm.name());
        Browser.assertNoStackTrace(bob);

        // 5. the storage server stopped: the backup fails with its reason in the queue and the task log
        sftp.stop();
        try {
            BackupUi.openBackupsTab(browser, alice, vm.name());
            BackupUi.backUp(alice, null);
            Locator queue = alice.locator("#queue");
            assertThat(queue).containsText("failed", new LocatorAssertions.ContainsTextOptions().setTimeout(120_000));
            String reason = alice.locator("#queue vaadin-grid-cell-content:visible", new Page.LocatorOptions()
                    .setHasText(Pattern.compile("SFTP|connect|refused", Pattern.CASE_INSENSITIVE))).first().innerText();
            assertThat(reason).doesNotContain("Exception").doesNotContain("\tat ");
            Browser.screenshot(alice, "user-queue-failed");
            alice.locator("#queue vaadin-button[id^=queue-log-][data-row='0']:visible").click();
            // the queue starts the sentence with a capital; the task log keeps it as the bridge said it
            assertThat(alice.locator("#task-log")).containsText(reason.substring(1, Math.min(40, reason.length())));
            alice.keyboard().press("Escape");
            Browser.assertNoStackTrace(alice);
        } finally {
            sftp.launch();
        }

        // the admin: every job, filters, retry, the Overview
        browser.open(admin, "/admin/p/backup-jobs");
        assertThat(admin.locator("#all-jobs")).containsText(vm.name());
        assertThat(admin.locator("#all-jobs")).containsText("Acme");
        Browser.screenshot(admin, "admin-jobs");
        Browser.choose(admin, "filter-state", "failed");
        assertThat(admin.locator("#all-jobs vaadin-button[id^=all-retry-]:visible")).hasCount(1);
        admin.locator("#all-jobs vaadin-button[id^=all-retry-][data-row='0']:visible").click();
        assertThat(admin.locator("vaadin-notification-card").last()).containsText("Queued again as job");
        admin.locator("#filter-state").locator("[part~='clear-button']").click();
        Browser.choose(admin, "filter-tenant", "Globex");
        assertThat(admin.locator("#jobs-empty")).containsText("No job matches");
        browser.open(admin, "/admin/p/backup-overview");
        assertThat(admin.locator("#overview-failures")).containsText("cannot reach", new LocatorAssertions.ContainsTextOptions().setTimeout(10_000));
        assertThat(admin.locator("#overview-stale")).containsText(bobVm.name());
        assertThat(admin.locator("#backup-overview svg")).hasCount(2);
        Browser.screenshot(admin, "admin-overview");
        admin.locator("#overview-failure-list vaadin-button[id^=overview-log-]:visible").first().click();
        assertThat(admin.locator("#task-log")).containsText("Failed after");
        admin.keyboard().press("Escape");
        Browser.assertNoStackTrace(admin);

        // phone width: the Backups tab still reads
        alice.setViewportSize(390, 844);
        BackupUi.openBackupsTab(browser, alice, vm.name());
        Browser.screenshot(alice, "user-backups-phone");
        alice.setViewportSize(1366, 768);
    }

    /** Reads the queue's progress bar until the job leaves the running state; returns the values seen below 100 %. */
    private static List<Double> watchProgress(Page page) {
        List<Double> values = new ArrayList<>();
        Locator bar = page.locator("#queue vaadin-progress-bar");
        long deadline = System.nanoTime() + 180_000_000_000L;
        boolean sawBar = false;
        while (System.nanoTime() < deadline) {
            if (bar.count() > 0) {
                sawBar = true;
                Object v = bar.first().evaluate("e => e.value");
                double value = ((Number) v).doubleValue();
                if (value >= 100) {
                    break;
                }
                values.add(value);
                if (value > 0 && values.stream().filter(x -> x > 0).count() == 1) {
                    Browser.screenshot(page, "user-queue-running");
                }
            } else if (sawBar) {
                break;
            }
            page.waitForTimeout(150);
        }
        return values;
    }

    private static void setUpTenants(Page admin) {
        browser.open(admin, "/admin/tenants");
        for (String tenant : new String[]{"Acme", "Globex"}) {
            admin.locator("#tenant-name input").fill(tenant);
            admin.locator("#tenant-create").click();
            assertThat(admin.locator("#tenants")).containsText(tenant);
        }
        browser.open(admin, "/admin/users");
        createUser(admin, "alice", "alice-pass-1", "Acme");
        createUser(admin, "bob", "bob-pass-12", "Globex");
        browser.open(admin, "/admin/instances");
        assign(admin, vm.name(), "Acme");
        assign(admin, bobVm.name(), "Globex");
    }

    private static void assign(Page admin, String instance, String tenant) {
        admin.locator("#assign-" + instance).click();
        Browser.choose(admin, "assign-tenant", tenant);
        admin.locator("#assign-save").click();
        assertThat(admin.locator("#admin-instances")).containsText(tenant);
    }

    private static void createUser(Page admin, String username, String password, String tenant) {
        admin.locator("#user-name input").fill(username);
        admin.locator("#user-password input").fill(password);
        Browser.choose(admin, "user-tenant", tenant);
        admin.locator("#user-create").click();
        assertThat(admin.locator("#users")).containsText(username);
    }

    private static String instancePath(Page admin, String instance) {
        browser.open(admin, "/");
        return "/" + admin.locator("#instances a", new Page.LocatorOptions().setHasText(instance)).first().getAttribute("href");
    }

    /** An SFTP storage at 4 MB/s, so that a backup of the VM's random data takes seconds. */
    private static void addSftpStorage(Page admin) {
        admin.locator("#storage-add").click();
        BackupUi.choose(admin, "storage-kind", "SFTP");
        admin.locator("#storage-name input").fill("customer-sftp");
        admin.locator("#storage-host input").fill("127.0.0.1");
        admin.locator("#storage-port input").fill(Integer.toString(sftp.port()));
        admin.locator("#storage-username input").fill(OpenSshServer.USER);
        admin.locator("#storage-password input").fill(sftp.password());
        admin.locator("#storage-prefix input").fill(OpenSshServer.FOLDER + "/customers");
        admin.locator("#storage-bandwidth input").fill("4");
        admin.locator("#storage-test").click();
        assertThat(admin.locator("#storage-test-result")).containsText("OK", new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        admin.locator("#storage-save").click();
        assertThat(admin.locator("#storages")).containsText("customer-sftp");
    }
}
