package io.holdfast.it;

import com.microsoft.playwright.Page;
import io.holdfast.bridge.testing.TestVm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backup sequence in the shipped product, in Chromium: back up a policy's instances, then mirror them to
 * a second storage, then verify that storage — the steps run in that order (the run's task log, line by
 * line), and the copy is in the catalog; then, with the primary storage broken, the failed backup step
 * stops the rest (the mirror does not run again).
 */
class SequenceIT {

    private static TestVm vm;
    private static ShippedHost host;
    private static Browser browser;

    @BeforeAll
    static void start() {
        vm = TestVm.create(16L << 20).writePattern(0x21, 0, 4L << 20).writePattern(0x22, 8L << 20, 4L << 20);
        host = ShippedHost.start();
        browser = new Browser(host.baseUrl());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[]{browser, host, vm}) {
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
    void backupThenMirrorThenVerifyRunInOrderAndAFailedBackupStopsTheRest() throws IOException {
        Page admin = browser.loginAs("admin", ShippedHost.ADMIN_PASSWORD);
        Path root = Files.createDirectories(Path.of("target", "sequence"));
        Path primary = Files.createTempDirectory(root, "primary-").toAbsolutePath();
        Path offsite = Files.createTempDirectory(root, "offsite-").toAbsolutePath();
        browser.open(admin, "/admin/p/backup-storage");
        BackupUi.addLocalStorage(admin, "seq-primary", primary.toString(), null);
        BackupUi.addLocalStorage(admin, "seq-offsite", offsite.toString(), null);
        BackupUi.assign(browser, admin, "seq-primary");

        // a policy the vm follows (its own schedule hours away: only the sequence backs it up here)
        browser.open(admin, "/admin/p/backup-policies");
        admin.locator("#policy-add").click();
        admin.locator("#policy-name input").fill("nightly");
        admin.locator("#policy-full-at input").fill(LocalTime.now(ZoneOffset.UTC).plusHours(6).format(DateTimeFormatter.ofPattern("HH:mm")));
        admin.locator("#policy-full-at input").press("Enter");
        Browser.choose(admin, "policy-zone", "Etc/UTC");
        admin.locator("#policy-save").click();
        assertThat(admin.locator("#policies")).containsText("nightly");
        admin.locator("#policy-instances-nightly").click();
        admin.locator("#policy-attach input").fill(vm.name());
        admin.locator("vaadin-multi-select-combo-box-item", new Page.LocatorOptions().setHasText(vm.name())).first().click();
        admin.keyboard().press("Escape");
        admin.locator("#policy-attach-save").click();
        assertThat(admin.locator("vaadin-notification-card").last()).containsText("follow nightly");

        MirrorUi.add(browser, admin, "seq-mirror", "seq-primary", "seq-offsite", null);

        browser.open(admin, "/admin/p/backup-sequences");
        assertThat(admin.locator("#sequences-empty")).containsText("No backup sequences yet");
        Browser.screenshot(admin, "sequences-empty");
        admin.locator("#sequence-add").click();
        admin.locator("#sequence-name input").fill("chain");
        addStep(admin, "Back up a policy's instances", "nightly");
        addStep(admin, "Run a mirror", "seq-mirror");
        addStep(admin, "Verify a storage", "seq-offsite");
        assertThat(admin.locator("#sequence-steps")).containsText("Verify storage seq-offsite");
        Browser.screenshot(admin, "sequence-dialog");
        admin.locator("#sequence-save").click();
        assertThat(admin.locator("#sequences")).containsText("chain");

        String log = MirrorUi.runAndWait(browser, admin, "/admin/p/backup-sequences", "sequence", "chain", "SUCCEEDED", host::logTail);
        Browser.screenshot(admin, "sequence-done");
        String[] inOrder = {"Step 1 of 3 (backups of policy nightly) begins", "Step 1 of 3 (backups of policy nightly) done",
                "Step 2 of 3 (mirror seq-mirror) begins", "Step 2 of 3 (mirror seq-mirror) done",
                "Step 3 of 3 (verify of storage seq-offsite) begins", "Step 3 of 3 (verify of storage seq-offsite) done",
                "every step succeeded"};
        int at = -1;
        for (String line : inOrder) {
            int next = log.indexOf(line);
            assertThat(next).as("'%s' after the previous step in:%n%s", line, log).isGreaterThan(at);
            at = next;
        }
        browser.open(admin, "/admin/p/backup-jobs");
        assertThat(admin.locator("#all-jobs")).containsText("step 2 of run #");
        Browser.screenshot(admin, "sequence-jobs");
        BackupUi.openBackupsTab(browser, admin, vm.name());
        assertThat(admin.locator("#snapshots vaadin-grid-cell-content:visible",
                new Page.LocatorOptions().setHasText("seq-offsite (mirror copy)"))).hasCount(1);
        browser.open(admin, "/admin/p/backup-mirrors");
        String mirrorRun = admin.locator("#mirror-last-seq-mirror").getAttribute("data-job");

        // the primary storage broken (its folder replaced by a file): the backup step fails, nothing after it runs
        try (var files = Files.walk(primary)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Files.writeString(primary, "not a folder");
        String failed = MirrorUi.runAndWait(browser, admin, "/admin/p/backup-sequences", "sequence", "chain", "FAILED", host::logTail);
        assertThat(failed).contains("Step 1 of 3 (backups of policy nightly) failed")
                .contains("Stopped after step 1: steps 2 to 3 were not run (stop on failure)")
                .doesNotContain("Step 2 of 3 (mirror seq-mirror) begins");
        assertThat(admin.locator("#sequence-last-chain")).containsText("the remaining steps were not run");
        browser.open(admin, "/admin/p/backup-mirrors");
        assertThat(admin.locator("#mirror-last-seq-mirror")).hasAttribute("data-job", mirrorRun);
        Browser.assertNoStackTrace(admin);
    }

    private static void addStep(Page admin, String kind, String target) {
        BackupUi.choose(admin, "sequence-step-kind", kind);
        Browser.choose(admin, "sequence-step-target", target);
        admin.locator("#sequence-step-add").click();
        assertThat(admin.locator("#sequence-steps")).containsText(target);
    }
}
