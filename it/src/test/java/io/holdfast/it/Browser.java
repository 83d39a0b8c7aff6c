package io.holdfast.it;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.LoadState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright (no browser download: PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD), with the
 * few Vaadin interactions the tests need. Every page is checked for leaked stack traces.
 */
final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;
    private final String baseUrl;

    Browser(String baseUrl) {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("Chromium is not installed at " + CHROMIUM + ": run ./holdfast test");
        }
        this.baseUrl = baseUrl;
        this.playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        this.browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
    }

    /** A fresh browser context (no cookies) logged in as {@code username}. */
    Page loginAs(String username, String password) {
        Page page = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1366, 768)).newPage();
        page.setDefaultTimeout(30_000);
        page.navigate(baseUrl + "/login");
        page.locator("input[name=username]").fill(username);
        page.locator("input[name=password]").fill(password);
        page.locator("input[name=password]").press("Enter");
        page.locator("#current-user").waitFor();
        return page;
    }

    Page anonymous() {
        Page page = browser.newContext().newPage();
        page.setDefaultTimeout(30_000);
        return page;
    }

    void open(Page page, String path) {
        page.navigate(baseUrl + path);
        page.waitForLoadState(LoadState.NETWORKIDLE);
    }

    /** Picks {@code label} in a Vaadin combo box by typing it and choosing the matching item. */
    static void choose(Page page, String comboId, String label) {
        page.locator("#" + comboId + " input").fill(label);
        page.locator("vaadin-combo-box-item", new Page.LocatorOptions().setHasText(label)).first().click();
    }

    /** Saves what the user sees (1366×768, the whole page) as {@code target/screenshots/NAME.png}, for a person to look at. */
    static void screenshot(Page page, String name) {
        page.waitForTimeout(300); // let Vaadin finish rendering after the last round trip
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", name + ".png")).setFullPage(true));
    }

    /** Fails when the page shows anything that looks like a Java stack trace or exception. */
    static String assertNoStackTrace(Page page) {
        String text = page.locator("body").innerText();
        if (text.matches("(?s).*(Exception|\\bat [a-z]+\\.[a-z]+\\.|Caused by:|java\\.lang\\.).*")) {
            throw new AssertionError("the page shows a stack trace or exception:\n" + text);
        }
        return text;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
