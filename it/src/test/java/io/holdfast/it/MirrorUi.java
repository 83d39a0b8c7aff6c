package io.holdfast.it;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;

import java.util.function.Supplier;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** The Backup Mirrors page as an admin drives it. */
final class MirrorUi {

    private MirrorUi() {
    }

    /** Adds a mirror run by hand that keeps every copy; {@code lastN} null: every snapshot. */
    static void add(Browser browser, Page admin, String name, String from, String to, Integer lastN) {
        browser.open(admin, "/admin/p/backup-mirrors");
        admin.locator("#mirror-add").click();
        admin.locator("#mirror-name input").fill(name);
        Browser.choose(admin, "mirror-source", from);
        Browser.choose(admin, "mirror-destination", to);
        if (lastN != null) {
            BackupUi.choose(admin, "mirror-which", "The last N per instance");
            admin.locator("#mirror-last-n input").fill(lastN.toString());
        }
        BackupUi.choose(admin, "mirror-when", "Only when run");
        Browser.screenshot(admin, "mirror-dialog");
        admin.locator("#mirror-save").click();
        assertThat(admin.locator("#mirrors")).containsText(name);
    }

    /** Run now, then wait for the run to end; returns its task log's text. */
    static String runAndWait(Browser browser, Page admin, String name, String expectedState, Supplier<String> context) {
        browser.open(admin, "/admin/p/backup-mirrors");
        admin.locator("#mirror-run-" + name).click();
        try {
            assertThat(admin.locator("#mirror-last-" + name)).hasAttribute("data-state", expectedState,
                    new LocatorAssertions.HasAttributeOptions().setTimeout(180_000));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nlast run: " + admin.locator("#mirror-last-" + name).innerText() + "\n"
                    + context.get(), e);
        }
        admin.locator("#mirror-log-" + name).click();
        assertThat(admin.locator("#task-log")).isVisible();
        String log = admin.locator("#task-log").innerText();
        admin.keyboard().press("Escape");
        return log;
    }
}
