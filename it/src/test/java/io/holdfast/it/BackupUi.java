package io.holdfast.it;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import java.util.function.Supplier;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** The backup plugin's pages as a user drives them in Chromium: storages, the Backups tab, jobs. */
final class BackupUi {

    /** The labels of the restore dialog, as the user reads them. */
    static final String RESTORE_THIS = "This instance";
    static final String RESTORE_NEW = "A new instance";
    static final String RESTORE_OTHER = "Another of your instances";

    private BackupUi() {
    }

    /** Adds a local-folder storage (optionally with a bandwidth limit in MB/s) and saves it. */
    static void addLocalStorage(Page admin, String name, String folder, Integer bandwidthMBps) {
        admin.locator("#storage-add").click();
        choose(admin, "storage-kind", "Local folder");
        admin.locator("#storage-name input").fill(name);
        admin.locator("#storage-path input").fill(folder);
        if (bandwidthMBps != null) {
            admin.locator("#storage-bandwidth input").fill(bandwidthMBps.toString());
        }
        admin.locator("#storage-save").click();
        assertThat(admin.locator("#storages")).containsText(name);
    }

    /** On the Backup Storage page: lets hypervisor {@code local} back up to {@code storages}, the first its default. */
    static void assign(Browser browser, Page admin, String... storages) {
        browser.open(admin, "/admin/p/backup-storage");
        for (String name : storages) {
            Locator box = admin.locator("#assign-storages-local vaadin-checkbox", new Page.LocatorOptions().setHasText(name))
                    .locator("input");
            if (!box.isChecked()) {
                box.click();
            }
        }
        choose(admin, "assign-default-local", storages[0]);
        admin.locator("#assign-save-local").click();
        assertThat(admin.locator("#storages")).containsText("local (default)");
    }

    static void openBackupsTab(Browser browser, Page page, String instance) {
        browser.open(page, "/");
        page.locator("#instances a", new Page.LocatorOptions().setHasText(instance)).first().click();
        page.locator("vaadin-tab", new Page.LocatorOptions().setHasText("Backups")).click();
        assertThat(page.locator("#backups-tab")).isVisible();
    }

    /** Opens a section of the Backups tab: "All backups", "Queue", "Tasks" or "Chart". */
    static void section(Page page, String name) {
        page.locator("#backup-sections vaadin-tab", new Page.LocatorOptions().setHasText(name)).click();
        assertThat(page.locator("#backup-sections vaadin-tab[selected]")).hasText(name);
    }

    /** Back up now: {@code type} "Full" or "Incremental", or null for what the dialog proposes. */
    static void backUp(Page page, String type) {
        page.locator("#backup-now").click();
        if (type != null) {
            page.locator("#backup-type vaadin-radio-button", new Page.LocatorOptions().setHasText(type)).click();
        }
        Browser.screenshot(page, "backup-now-dialog");
        page.locator("#backup-start").click();
    }

    static void restoreNewest(Page page, String target, String nameOrInstance) {
        restoreNewest(page, target, nameOrInstance, false);
    }

    /** Restores the newest backup; {@code backUpFirst} keeps the dialog's "back up the current state first" ticked. */
    static void restoreNewest(Page page, String target, String nameOrInstance, boolean backUpFirst) {
        section(page, "All backups");
        page.locator("#snapshots vaadin-button[id^=restore-][data-row='0']:visible").click();
        page.locator("#restore-target vaadin-radio-button", new Page.LocatorOptions().setHasText(target)).click();
        if (RESTORE_NEW.equals(target)) {
            page.locator("#restore-new-name input").fill(nameOrInstance);
        } else if (RESTORE_OTHER.equals(target)) {
            Browser.choose(page, "restore-other", nameOrInstance);
        }
        if (!RESTORE_NEW.equals(target)) {
            Locator first = page.locator("#restore-backup-first input");
            if (first.isChecked() != backUpFirst) {
                first.click();
            }
        }
        Browser.screenshot(page, "restore-dialog");
        page.locator("#restore-start").click();
    }

    /**
     * Waits until the Tasks list shows {@code count} succeeded jobs (fails at once when one failed unexpectedly),
     * then goes back to the list of backups.
     */
    static void awaitSucceeded(Page page, int count, Supplier<String> context, String... expectedFailures) {
        section(page, "Tasks");
        Locator succeeded = page.locator("#jobs vaadin-grid-cell-content:visible", new Page.LocatorOptions().setHasText(Pattern.compile("^succeeded$")));
        long deadline = System.nanoTime() + 240_000_000_000L;
        while (succeeded.count() < count) {
            String jobs;
            try {
                jobs = page.locator("#jobs").innerText();
            } catch (com.microsoft.playwright.PlaywrightException e) {
                Browser.screenshot(page, "await-succeeded-failed");
                throw new AssertionError("the Tasks list is not shown\n" + context.get(), e);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " succeeded jobs; the jobs list shows:\n" + jobs + "\n" + context.get());
            }
            long failed = Pattern.compile("(?m)^failed$").matcher(jobs).results().count();
            if (failed > expectedFailures.length) {
                throw new AssertionError("a job failed:\n" + jobs + "\n" + context.get());
            }
            page.waitForTimeout(500);
        }
        section(page, "All backups");
    }

    static void choose(Page page, String selectId, String label) {
        page.locator("#" + selectId).click();
        page.locator("vaadin-select-item", new Page.LocatorOptions().setHasText(label)).first().click();
    }
}
