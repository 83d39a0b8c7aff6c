package io.holdfast.it;

import com.microsoft.playwright.Page;
import io.holdfast.bridge.testing.TestVm;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped product killed with SIGKILL in the middle of a backup (its embedded MariaDB left running, as a
 * crash leaves it): after a restart the job is failed with its reason at once, the libvirt backup job and
 * the job's checkpoint are gone, no snapshot became visible, and the next backup succeeds.
 */
class CrashRecoveryIT {

    @Test
    void aHostKilledMidBackupFailsTheJobCleansUpAndBacksUpAgain() throws IOException {
        Path root = Files.createDirectories(Path.of("target", "crash")).toAbsolutePath();
        Path image = root.resolve("random-" + System.nanoTime() + ".raw");
        writeRandom(image, 96L << 20);
        Path datastore = Files.createTempDirectory(root, "datastore-");
        try (TestVm vm = TestVm.createFrom(image, "raw", 96L << 20)) {
            Files.delete(image);
            vm.start();
            ShippedHost host = ShippedHost.start();
            try (Browser browser = new Browser(host.baseUrl())) {
                Page admin = browser.loginAs("admin", ShippedHost.ADMIN_PASSWORD);
                browser.open(admin, "/admin/p/backup-storage");
                BackupUi.addLocalStorage(admin, "slow-local", datastore.toString(), 6);
                BackupUi.assign(browser, admin, "slow-local");
                BackupUi.openBackupsTab(browser, admin, vm.name());
                BackupUi.backUp(admin, "Full");
                assertThat(admin.locator("#queue")).containsText("MB/s",
                        new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
                Browser.screenshot(admin, "job-running");

                host.kill();
                assertThat(vm.hasJob()).as("libvirt's backup job outlives the killed host").isTrue();
                assertThat(vm.checkpoints()).as("the job's checkpoint exists").isNotEmpty();

                host.launch();
                Page again = browser.loginAs("admin", ShippedHost.ADMIN_PASSWORD);
                BackupUi.openBackupsTab(browser, again, vm.name());
                BackupUi.section(again, "Queue");
                assertThat(again.locator("#queue")).containsText("was restarted while it ran",
                        new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
                assertThat(vm.hasJob()).as("the libvirt backup job was ended").isFalse();
                assertThat(vm.checkpoints()).as("no checkpoint of the dead job remains").isEmpty();
                assertThat(manifests(datastore)).as("no snapshot became visible").isZero();
                try (Stream<Path> markers = Files.list(datastore.resolve(io.holdfast.bridge.datastore.FormatV1.RUNNING_DIR))) {
                    assertThat(markers.count()).as("no running-backup marker is left to hold gc back").isZero();
                }
                Browser.screenshot(again, "job-failed-after-crash");
                BackupUi.section(again, "All backups");
                assertThat(again.locator("#backups-empty")).isVisible();

                BackupUi.section(again, "Tasks");
                again.locator("#jobs vaadin-button[id^=job-log-][data-row='0']:visible").click();
                assertThat(again.locator("#task-log")).containsText("libvirt: virDomainAbortJob");
                assertThat(again.locator("#task-log")).containsText("virDomainCheckpointDelete holdfast-");
                assertThat(again.locator("#task-log")).containsText("removed the running-backup marker holdfast-job-1-");
                assertThat(again.locator("#task-log")).containsText("removed the job folder /var/tmp/holdfast-bridge/holdfast-job-1-");
                again.keyboard().press("Escape");

                BackupUi.backUp(again, "Full");
                BackupUi.awaitSucceeded(again, 1, host::logTail, "the killed job");
                assertThat(manifests(datastore)).isEqualTo(1);
                Browser.assertNoStackTrace(again);
            } finally {
                host.close();
            }
        }
    }

    private static long manifests(Path datastore) throws IOException {
        try (Stream<Path> files = Files.walk(datastore)) {
            return files.filter(p -> p.getFileName().toString().equals("manifest.json")).count();
        }
    }

    /** Incompressible data, so the bandwidth limit (on stored bytes) makes the backup last long enough to kill it. */
    static void writeRandom(Path file, long bytes) throws IOException {
        Random random = new Random(42);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long done = 0; done < bytes; done += block.length) {
                random.nextBytes(block);
                out.write(block);
            }
        }
    }
}
