package io.holdfast.host.plugin;

import io.holdfast.host.inventory.InventoryService;
import io.holdfast.host.security.CurrentUserService;
import io.holdfast.host.tenancy.TenancyService;
import io.holdfast.plugin.api.PluginContext;
import io.holdfast.plugin.api.PluginException;
import io.holdfast.plugin.api.SystemContext;
import io.holdfast.plugin.api.inventory.HypervisorDirectory;
import io.holdfast.plugin.api.inventory.InstanceDirectory;
import io.holdfast.plugin.api.inventory.InstanceRef;
import io.holdfast.plugin.api.tenancy.CurrentUser;
import io.holdfast.plugin.api.tenancy.TenantDirectory;
import io.holdfast.plugin.api.ui.UiExtensions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.OptionalLong;

/** The host seen through plugin-api by one plugin: host entities become plugin-api records, tenancy rules apply. */
final class HostPluginContext implements PluginContext {

    private static final Logger log = LoggerFactory.getLogger(HostPluginContext.class);

    private final String pluginId;
    private final Path dataDirectory;
    private final Environment environment;
    private final TenancyService tenancy;
    private final InventoryService inventory;
    private final CurrentUserService currentUser;
    private final UiExtensions ui;
    private final DataSource dataSource;
    private final Directories asCaller;
    private final io.holdfast.plugin.api.rest.RestExtensions rest;
    private final io.holdfast.plugin.api.metrics.MetricsExtensions metrics;

    HostPluginContext(String pluginId, Path hostDataDir, Environment environment, TenancyService tenancy,
                      InventoryService inventory, CurrentUserService currentUser, UiExtensions ui, DataSource dataSource,
                      io.holdfast.plugin.api.rest.RestExtensions rest, io.holdfast.plugin.api.metrics.MetricsExtensions metrics) {
        this.rest = rest;
        this.metrics = metrics;
        this.pluginId = pluginId;
        this.dataDirectory = hostDataDir.toAbsolutePath().normalize().resolve("plugins").resolve(pluginId);
        this.environment = environment;
        this.tenancy = tenancy;
        this.inventory = inventory;
        this.currentUser = currentUser;
        this.ui = ui;
        this.dataSource = dataSource;
        this.asCaller = new Directories(tenancy, inventory, Directories.ofCurrentUser(currentUser, inventory));
    }

    @Override
    public TenantDirectory tenants() {
        return asCaller.tenants();
    }

    @Override
    public CurrentUser currentUser() {
        return currentUser;
    }

    @Override
    public InstanceDirectory instances() {
        return asCaller.instances();
    }

    @Override
    public HypervisorDirectory hypervisors() {
        return asCaller.hypervisors();
    }

    @Override
    public io.holdfast.plugin.api.rest.RestExtensions rest() {
        return rest;
    }

    @Override
    public io.holdfast.plugin.api.metrics.MetricsExtensions metrics() {
        return metrics;
    }

    @Override
    public UiExtensions ui() {
        return ui;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public Path dataDirectory() {
        try {
            if (!Files.isDirectory(dataDirectory)) {
                Files.createDirectories(dataDirectory);
            }
            Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwx------"));
            return dataDirectory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder of plugin '" + pluginId + "': " + dataDirectory, e);
        }
    }

    @Override
    public Optional<String> setting(String name) {
        return Optional.ofNullable(environment.getProperty("holdfast.plugins." + pluginId + "." + name));
    }

    @Override
    public SystemContext system(String purpose) {
        log.info("Plugin '{}' uses a system context for {}", pluginId, purpose);
        Directories all = new Directories(tenancy, inventory, Directories.everything(inventory));
        return new SystemContext() {
            @Override
            public String purpose() {
                return purpose;
            }

            @Override
            public TenantDirectory tenants() {
                return all.tenants();
            }

            @Override
            public InstanceDirectory instances() {
                return all.instances();
            }

            @Override
            public HypervisorDirectory hypervisors() {
                return all.hypervisors();
            }

            @Override
            public InstanceRef adopt(long hypervisorId, String domainUuid, OptionalLong tenantId) {
                return inventory.adoptUnchecked(hypervisorId, domainUuid, tenantId.isPresent() ? tenantId.getAsLong() : null)
                        .map(Directories::ref)
                        .orElseThrow(() -> new PluginException("hypervisor " + hypervisorId + " has no domain " + domainUuid));
            }
        };
    }
}
