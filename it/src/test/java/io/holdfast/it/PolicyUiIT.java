package io.holdfast.it;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.holdfast.bridge.testing.TestVm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Policies in the shipped product, in Chromium: the admin creates a policy from the GFS preset, reads the
 * preview's keep and remove reasons, offers it to tenants and attaches a VM; a tenant enables it on another
 * VM of theirs; the admin moves the policy's full read to the coming minute; the scheduler (a tick every 2 s here) then
 * backs both up at that time, and each
 * Backups tab shows the policy, its next run and each backup's reason to be kept.
 */
class PolicyUiIT {

    private static TestVm adminVm;
    private static TestVm tenantVm;
    private static ShippedHost host;
    private static Browser browser;

    @BeforeAll
    static void start() {
        adminVm = TestVm.create(8L << 20).writePattern(0x61, 0, 1 << 20);
        tenantVm = TestVm.create(8L << 20).writePattern(0x62, 0, 1 << 20);
        host = ShippedHost.start("--holdfast.plugins.backup.scheduler-tick-seconds=2",
                "--holdfast.plugins.backup.scheduler-lock-at-least-seconds=0");
        browser = new Browser(host.baseUrl());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[]{browser, host, adminVm, tenantVm}) {
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
    void anAdminPolicyAndATenantsChoiceBothBackUpOnSchedule() throws Exception {
        Page admin = browser.loginAs("admin", ShippedHost.ADMIN_PASSWORD);
        browser.open(admin, "/admin/tenants");
        admin.locator("#tenant-name input").fill("Initech");
        admin.locator("#tenant-create").click();
        assertThat(admin.locator("#tenants")).containsText("Initech");
        browser.open(admin, "/admin/users");
        admin.locator("#user-name input").fill("peter");
        admin.locator("#user-password input").fill("peter-pass-1");
        Browser.choose(admin, "user-tenant", "Initech");
        admin.locator("#user-create").click();
        assertThat(admin.locator("#users")).containsText("peter");
        browser.open(admin, "/admin/instances");
        for (TestVm vm : new TestVm[]{adminVm, tenantVm}) {
            admin.locator("#assign-" + vm.name()).click();
            Browser.choose(admin, "assign-tenant", "Initech");
            admin.locator("#assign-save").click();
        }
        browser.open(admin, "/admin/p/backup-storage");
        Path datastore = Files.createTempDirectory(Files.createDirectories(Path.of("target", "policy-ui")), "ds-").toAbsolutePath();
        BackupUi.addLocalStorage(admin, "policy-local", datastore.toString(), null);
        BackupUi.assign(browser, admin, "policy-local");

        // the policy, from the preset, with its preview; its full read half an hour from now (UTC), then every
        // hour (moved to the next minute once both VMs follow it, below)
        browser.open(admin, "/admin/p/backup-policies");
        assertThat(admin.locator("#policies-empty")).containsText("No backup policies yet");
        Browser.screenshot(admin, "policies-empty");
        admin.locator("#policy-add").click();
        admin.locator("#policy-name input").fill("nightly");
        setFullAt(admin, LocalTime.now(ZoneOffset.UTC).plusMinutes(30));
        admin.locator("#policy-incremental-hours input").fill("1");
        Browser.choose(admin, "policy-zone", "Etc/UTC");
        BackupUi.choose(admin, "policy-preset", "7 daily, 4 weekly");
        admin.locator("#policy-offered input").check();
        admin.locator("#policy-preview").click();
        assertThat(admin.locator("#policy-preview-result")).containsText("A year of this schedule");
        assertThat(admin.locator("#policy-preview-year")).containsText("kept: newest backup");
        assertThat(admin.locator("#policy-preview-year")).containsText("monthly");
        Browser.screenshot(admin, "policy-dialog-preview");
        admin.locator("#policy-save").click();
        assertThat(admin.locator("#policies")).containsText("nightly");
        assertThat(admin.locator("#policies")).containsText("7 daily, 4 weekly, 12 monthly, 3 yearly");
        admin.locator("#policy-instances-nightly").click();
        admin.locator("#policy-attach input").fill(adminVm.name());
        admin.locator("vaadin-multi-select-combo-box-item", new Page.LocatorOptions().setHasText(adminVm.name())).first().click();
        admin.keyboard().press("Escape");
        admin.locator("#policy-attach-save").click();
        assertThat(admin.locator("vaadin-notification-card").last()).containsText("1 instance follow nightly");
        Browser.screenshot(admin, "policies");

        // the tenant enables the offered policy on their other VM
        Page peter = browser.loginAs("peter", "peter-pass-1");
        BackupUi.openBackupsTab(browser, peter, tenantVm.name());
        assertThat(peter.locator("#policy-status")).containsText("No backup schedule");
        peter.locator("#policy-enable").click();
        peter.locator("#policy-enable-ok").click();
        assertThat(peter.locator("#policy-status")).containsText("Backups on: policy nightly");
        assertThat(peter.locator("#policy-status")).containsText("Next run");
        Browser.screenshot(peter, "user-policy-enabled");

        // the admin moves the full read to the next minute at least 15 s away: the scheduler's slot comes soon
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        admin.locator("#policy-edit-nightly").click();
        LocalTime slot = now.plusMinutes(now.getSecond() <= 45 ? 1 : 2).withSecond(0).withNano(0);
        setFullAt(admin, slot);
        admin.locator("#policy-save").click();
        assertThat(admin.locator("#policies")).containsText("at " + slot.format(DateTimeFormatter.ofPattern("HH:mm")));

        // after the scheduler's ticks: both VMs have a scheduled backup, with its reason to be kept
        LocatorAssertions.ContainsTextOptions wait = new LocatorAssertions.ContainsTextOptions().setTimeout(240_000);
        assertThat(peter.locator("#snapshots")).containsText("kept: newest backup", wait);
        Browser.screenshot(peter, "user-scheduled-backup");
        BackupUi.section(peter, "Tasks");
        assertThat(peter.locator("#jobs")).containsText("(scheduled)");
        Browser.assertNoStackTrace(peter);
        BackupUi.openBackupsTab(browser, admin, adminVm.name());
        assertThat(admin.locator("#policy-status")).containsText("policy nightly");
        assertThat(admin.locator("#snapshots")).containsText("kept: newest backup", wait);
        Browser.assertNoStackTrace(admin);

        // cancelling keeps the backups when asked to
        peter.locator("#policy-cancel").click();
        peter.locator("#policy-cancel-ok").click();
        assertThat(peter.locator("#policy-status")).containsText("No backup schedule");
        BackupUi.section(peter, "All backups");
        assertThat(peter.locator("#snapshots")).containsText("full read");
    }

    private static void setFullAt(Page admin, LocalTime at) {
        admin.locator("#policy-full-at input").fill(at.format(DateTimeFormatter.ofPattern("HH:mm")));
        admin.locator("#policy-full-at input").press("Enter");
    }
}
