package io.holdfast.it;

import com.zaxxer.hikari.HikariDataSource;
import io.holdfast.bridge.testing.TestVm;
import io.holdfast.host.inventory.Instance;
import io.holdfast.host.inventory.InventoryService;
import io.holdfast.host.plugin.PluginHost;
import io.holdfast.host.tenancy.Role;
import io.holdfast.host.tenancy.TenancyService;
import io.holdfast.host.tenancy.Tenant;
import io.holdfast.plugin.api.PluginContext;
import io.holdfast.plugin.api.SystemContext;
import io.holdfast.plugin.api.inventory.HypervisorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hardening found when the product was tried as a new user would, on the real host with its embedded
 * MariaDB: the database's root account needs a generated password (kept 0600), no anonymous account is
 * left, and plugins see hypervisors only as far as their caller may, with a named system context for
 * background work.
 */
class HostHardeningIT {

    private static Path dataDir;
    private static RunningHost host;
    private static TestVm vm;

    @BeforeAll
    static void start() {
        vm = TestVm.create(8L << 20);
        dataDir = RunningHost.newDataDir();
        host = RunningHost.start(dataDir);
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.close();
        }
        if (vm != null) {
            vm.close();
        }
    }

    @Test
    void theEmbeddedDatabaseNeedsTheGeneratedRootPasswordAndHasNoAnonymousAccount() throws Exception {
        Path file = dataDir.resolve("mariadb/root-password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("mariadb")))).isEqualTo("rwx------");
        String password = Files.readString(file).strip();
        assertThat(password).hasSizeGreaterThanOrEqualTo(24);
        String url = host.bean(HikariDataSource.class).getJdbcUrl();

        assertThatThrownBy(() -> DriverManager.getConnection(url, "root", "").close()).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(url, "", "").close()).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(url, "nobody", "").close()).isInstanceOf(SQLException.class);
        try (Connection c = DriverManager.getConnection(url, "root", password)) {
            assertThat(c.isValid(2)).isTrue();
        }
    }

    @Test
    void pluginsSeeHypervisorsOnlyAsFarAsTheirCallerMayAndBackgroundWorkHasANamedSystemContext() {
        TenancyService tenancy = host.bean(TenancyService.class);
        InventoryService inventory = host.bean(InventoryService.class);
        Tenant acme = AsAdmin.call(() -> tenancy.createTenant("Acme-h"));
        Tenant globex = AsAdmin.call(() -> tenancy.createTenant("Globex-h"));
        AsAdmin.call(() -> tenancy.createUser("carol", "carol-pass-1", Role.USER, acme.getId()));
        AsAdmin.call(() -> tenancy.createUser("dave", "dave-pass-12", Role.USER, globex.getId()));
        inventory.discoverAll();
        Instance instance = AsAdmin.call(inventory::visibleInstances).stream().filter(i -> i.getName().equals(vm.name()))
                .findFirst().orElseThrow();
        AsAdmin.call(() -> inventory.assign(instance.getId(), acme.getId()));
        PluginContext context = host.bean(PluginHost.class).context("backup").orElseThrow();

        assertThat(AsAdmin.call(() -> context.hypervisors().all())).extracting(HypervisorRef::name).contains("local");
        assertThat(AsUser.call("carol", () -> context.hypervisors().all())).extracting(HypervisorRef::name).containsExactly("local");
        assertThat(AsUser.call("dave", () -> context.hypervisors().all())).isEmpty();
        long local = AsAdmin.call(() -> context.hypervisors().all()).getFirst().id();
        assertThat(AsUser.call("dave", () -> context.hypervisors().find(local))).isEmpty();
        assertThat(AsUser.nobody(() -> context.hypervisors().all())).isEmpty();
        assertThat(AsUser.nobody(() -> context.instances().visible())).isEmpty();

        // the plugin's services refuse what the caller's tenancy does not allow, whatever the UI shows
        io.holdfast.backup.BackupPluginFactory plugin = host.bean(PluginHost.class).plugins().stream()
                .map(io.holdfast.host.plugin.LoadedPlugin::factory).filter(io.holdfast.backup.BackupPluginFactory.class::isInstance)
                .map(io.holdfast.backup.BackupPluginFactory.class::cast).findFirst().orElseThrow();
        long id = instance.getId();
        assertThatThrownBy(() -> AsUser.call("dave", () -> plugin.backups().snapshots(id)))
                .isInstanceOf(io.holdfast.backup.job.JobException.class).hasMessage("That instance does not exist.");
        assertThatThrownBy(() -> AsUser.call("dave", () -> plugin.backups().backupNow(id, true, false)))
                .isInstanceOf(io.holdfast.backup.job.JobException.class).hasMessage("That instance does not exist.");
        assertThat(AsUser.call("carol", () -> plugin.backups().snapshots(id))).isEmpty();
        assertThatThrownBy(() -> AsUser.call("carol", () -> plugin.backups().backupNow(id, true, false)))
                .isInstanceOf(io.holdfast.backup.job.JobException.class).hasMessageStartingWith("Hypervisor backup not enabled");
        assertThatThrownBy(() -> AsUser.call("carol", () -> plugin.backups().allJobs()))
                .isInstanceOf(io.holdfast.backup.job.JobException.class).hasMessageContaining("Only an admin");
        assertThatThrownBy(() -> AsUser.call("carol", () -> plugin.storages().list()))
                .isInstanceOf(io.holdfast.backup.storage.StorageException.class).hasMessageContaining("Only an admin");
        assertThatThrownBy(() -> AsUser.nobody(() -> plugin.backups().snapshots(id)))
                .isInstanceOf(io.holdfast.backup.job.JobException.class);

        SystemContext system = context.system("a test's background work");
        assertThat(system.purpose()).isEqualTo("a test's background work");
        assertThat(AsUser.nobody(() -> system.instances().find(instance.getId()))).isPresent();
        assertThat(AsUser.nobody(() -> system.hypervisors().all())).isNotEmpty();
        assertThat(AsUser.nobody(() -> system.tenants().tenants())).extracting(t -> t.name()).contains("Acme-h", "Globex-h");
    }
}
