package io.holdfast.it;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.holdfast.bridge.testing.TestVm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walking skeleton end to end, in Chromium: the admin sees the local hypervisor and a real VM, gives
 * it to a tenant; that tenant's user sees it with the backup plugin's tab; another tenant's user sees it
 * neither in the list nor by typing its address. Login errors are clear; no page shows a stack trace.
 */
class TenancyUiIT {

    private static TestVm vm;
    private static RunningHost host;
    private static Browser browser;

    @BeforeAll
    static void start() {
        vm = TestVm.create(8L << 20);
        vm.start();
        host = RunningHost.start(RunningHost.newDataDir());
        browser = new Browser(host.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (host != null) {
            host.close();
        }
        if (vm != null) {
            vm.close();
        }
    }

    @Test
    void adminAssignsAVmToATenantAndOnlyThatTenantSeesIt() {
        Page admin = browser.loginAs("admin", RunningHost.ADMIN_PASSWORD);

        browser.open(admin, "/admin/hypervisors");
        assertThat(admin.locator("#hypervisors")).containsText("local");
        assertThat(admin.locator("#hypervisors")).containsText("qemu:///system");

        browser.open(admin, "/admin/tenants");
        for (String tenant : new String[]{"Acme", "Globex"}) {
            admin.locator("#tenant-name input").fill(tenant);
            admin.locator("#tenant-create").click();
            assertThat(admin.locator("#tenants")).containsText(tenant);
        }

        browser.open(admin, "/admin/users");
        createUser(admin, "alice", "Acme");
        createUser(admin, "bob", "Globex");

        browser.open(admin, "/admin/instances");
        Locator grid = admin.locator("#admin-instances");
        assertThat(grid).containsText(vm.name());
        admin.locator("#assign-" + vm.name()).click();
        Browser.choose(admin, "assign-tenant", "Acme");
        admin.locator("#assign-save").click();
        assertThat(grid.locator("vaadin-grid-cell-content", new Locator.LocatorOptions().setHasText("Acme"))).hasCount(1);

        browser.open(admin, "/admin/plugins");
        assertThat(admin.locator("#plugins")).containsText("backup");
        assertThat(admin.locator("#plugins")).containsText("[1.3,2.0)");
        assertThat(admin.locator("#plugins")).containsText("0.1.0-SNAPSHOT");
        assertThat(admin.locator("#plugins")).containsText("active");
        browser.open(admin, "/admin/p/backup-storage");
        assertThat(admin.locator("#backup-storage")).isVisible();
        Browser.assertNoStackTrace(admin);

        Page alice = browser.loginAs("alice", "alice-pass-1");
        browser.open(alice, "/");
        Locator link = alice.locator("#instances a", new Page.LocatorOptions().setHasText(vm.name()));
        assertThat(link).isVisible();
        String instancePath = "/" + link.getAttribute("href");
        link.click();
        alice.locator("vaadin-tab", new Page.LocatorOptions().setHasText("Backups")).click();
        assertThat(alice.locator("#backups-empty")).containsText("No backups yet");
        assertThat(alice.locator("#admin-nav")).hasCount(0);
        Browser.assertNoStackTrace(alice);

        Page bob = browser.loginAs("bob", "bob-pass-12");
        browser.open(bob, "/");
        assertThat(bob.locator("body")).not().containsText(vm.name());
        browser.open(bob, instancePath);
        assertThat(bob.locator("body")).containsText("Instance not found");
        assertThat(bob.locator("body")).not().containsText(vm.name());
        assertThat(bob.locator("vaadin-tab", new Page.LocatorOptions().setHasText("Backups"))).hasCount(0);
        // hardening: an address that is no instance id at all is "not found" too, not an error page
        browser.open(bob, "/instances/abc");
        assertThat(bob.locator("body")).containsText("Instance not found");
        Browser.assertNoStackTrace(bob);
        browser.open(bob, "/admin/instances");
        assertThat(bob.locator("#admin-instances")).hasCount(0);
        assertThat(bob.locator("body")).not().containsText(vm.name());
        Browser.assertNoStackTrace(bob);
        // admin pages are refused by Vaadin's navigation access control (@RolesAllowed), the host's and a plugin's alike
        browser.open(bob, "/admin/tenants");
        assertThat(bob.locator("#tenants")).hasCount(0);
        browser.open(bob, "/admin/p/backup-jobs");
        assertThat(bob.locator("#jobs-page")).hasCount(0);
        Browser.assertNoStackTrace(bob);
    }

    @Test
    void aWrongPasswordGetsAClearMessageAndNoStackTrace() {
        Page page = browser.anonymous();
        browser.open(page, "/login");
        page.locator("input[name=username]").fill("admin");
        page.locator("input[name=password]").fill("not-the-password");
        page.locator("input[name=password]").press("Enter");
        assertThat(page.locator("vaadin-login-form")).containsText("Wrong username or password");
        assertThat(page.locator("#current-user")).hasCount(0);
        Browser.assertNoStackTrace(page);
    }

    private static void createUser(Page admin, String username, String tenant) {
        admin.locator("#user-name input").fill(username);
        admin.locator("#user-password input").fill(username + "-pass-" + (username.equals("bob") ? "12" : "1"));
        Browser.choose(admin, "user-tenant", tenant);
        admin.locator("#user-create").click();
        assertThat(admin.locator("#users")).containsText(username);
    }
}
