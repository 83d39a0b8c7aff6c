package io.holdfast.it;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;

import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The Backup Mirrors page as an admin drives it. */
final class MirrorUi {

    private MirrorUi() {
    }

    /** Adds a mirror run by hand that keeps every copy; {@code lastN} null: every snapshot. */
    static void add(Browser browser, Page admin, String name, String from, String to, Integer lastN) {
        add(browser, admin, name, from, to, lastN, null);
    }

    /** As {@link #add(Browser, Page, String, String, String, Integer)}, with a bandwidth limit in MB/s (null: none). */
    static void add(Browser browser, Page admin, String name, String from, String to, Integer lastN, Integer bandwidthMBps) {
        browser.open(admin, "/admin/p/backup-mirrors");
        admin.locator("#mirror-add").click();
        admin.locator("#mirror-name input").fill(name);
        Browser.choose(admin, "mirror-source", from);
        Browser.choose(admin, "mirror-destination", to);
        if (lastN != null) {
            BackupUi.choose(admin, "mirror-which", "The last N per instance");
            admin.locator("#mirror-last-n input").fill(lastN.toString());
        }
        BackupUi.choose(admin, "mirror-when", "On demand");
        if (bandwidthMBps != null) {
            admin.locator("#mirror-bandwidth input").fill(bandwidthMBps.toString());
        }
        Browser.screenshot(admin, "mirror-dialog");
        admin.locator("#mirror-save").click();
        assertThat(admin.locator("#mirrors")).containsText(name);
    }

    /** Run now, then wait for the run to end; returns its task log's text. */
    static String runAndWait(Browser browser, Page admin, String name, String expectedState, Supplier<String> context) {
        return runAndWait(browser, admin, "/admin/p/backup-mirrors", "mirror", name, expectedState, context);
    }

    /** Run now on the Mirrors or Sequences page ({@code prefix} "mirror" or "sequence"), then wait for that run to end. */
    static String runAndWait(Browser browser, Page admin, String path, String prefix, String name, String expectedState,
                             Supplier<String> context) {
        browser.open(admin, path);
        admin.locator("#" + prefix + "-run-" + name).click();
        Locator queued = admin.locator("vaadin-notification-card", new Page.LocatorOptions().setHasText(
                Pattern.compile("(queued|started) as job \\d+"))).last();
        Matcher job = Pattern.compile("as job (\\d+)").matcher(queued.innerText());
        assertThat(job.find()).isTrue();
        try {
            assertThat(admin.locator("#" + prefix + "-last-" + name)).hasAttribute("data-job", job.group(1),
                    new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
            assertThat(admin.locator("#" + prefix + "-last-" + name)).hasAttribute("data-state", expectedState,
                    new LocatorAssertions.HasAttributeOptions().setTimeout(180_000));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nlast run: " + admin.locator("#" + prefix + "-last-" + name).innerText() + "\n"
                    + context.get(), e);
        }
        admin.locator("#" + prefix + "-log-" + name).click();
        assertThat(admin.locator("#task-log")).isVisible();
        String log = admin.locator("#task-log").innerText();
        admin.keyboard().press("Escape");
        return log;
    }
}
