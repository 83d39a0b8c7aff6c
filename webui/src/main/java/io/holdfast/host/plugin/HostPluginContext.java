package io.holdfast.host.plugin;

import io.holdfast.host.inventory.Hypervisor;
import io.holdfast.host.inventory.Instance;
import io.holdfast.host.inventory.InventoryService;
import io.holdfast.host.security.CurrentUserService;
import io.holdfast.host.tenancy.AppUser;
import io.holdfast.host.tenancy.Role;
import io.holdfast.host.tenancy.TenancyService;
import io.holdfast.host.tenancy.Tenant;
import io.holdfast.plugin.api.PluginContext;
import io.holdfast.plugin.api.inventory.DiskRef;
import io.holdfast.plugin.api.inventory.HypervisorDirectory;
import io.holdfast.plugin.api.inventory.HypervisorRef;
import io.holdfast.plugin.api.inventory.InstanceDirectory;
import io.holdfast.plugin.api.inventory.InstanceRef;
import io.holdfast.plugin.api.tenancy.CurrentUser;
import io.holdfast.plugin.api.tenancy.TenantDirectory;
import io.holdfast.plugin.api.tenancy.TenantRef;
import io.holdfast.plugin.api.tenancy.UserRef;
import io.holdfast.plugin.api.ui.UiExtensions;

import io.holdfast.plugin.api.PluginException;
import io.holdfast.plugin.api.SystemContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/** The host seen through plugin-api: host entities become plugin-api records, tenancy rules apply. */
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

    HostPluginContext(String pluginId, Path hostDataDir, Environment environment, TenancyService tenancy,
                      InventoryService inventory, CurrentUserService currentUser, UiExtensions ui, DataSource dataSource) {
        this.pluginId = pluginId;
        this.dataDirectory = hostDataDir.toAbsolutePath().normalize().resolve("plugins").resolve(pluginId);
        this.environment = environment;
        this.tenancy = tenancy;
        this.inventory = inventory;
        this.currentUser = currentUser;
        this.ui = ui;
        this.dataSource = dataSource;
    }

    @Override
    public TenantDirectory tenants() {
        return new TenantDirectory() {
            @Override
            public List<TenantRef> tenants() {
                return tenancy.allTenants().stream().filter(t -> maySee(t.getId())).map(HostPluginContext::ref).toList();
            }

            @Override
            public Optional<TenantRef> tenant(long id) {
                return maySee(id) ? tenancy.tenant(id).map(HostPluginContext::ref) : Optional.empty();
            }

            @Override
            public List<UserRef> users(long tenantId) {
                return maySee(tenantId) ? tenancy.usersOf(tenantId).stream().map(HostPluginContext::ref).toList() : List.of();
            }
        };
    }

    private boolean maySee(long tenantId) {
        return currentUser.get().map(u -> u.admin() || u.tenantId() == tenantId).orElse(false);
    }

    @Override
    public CurrentUser currentUser() {
        return currentUser;
    }

    @Override
    public InstanceDirectory instances() {
        return new InstanceDirectory() {
            @Override
            public List<InstanceRef> visible() {
                return inventory.visibleInstances().stream().map(HostPluginContext::ref).toList();
            }

            @Override
            public Optional<InstanceRef> find(long id) {
                return inventory.findVisible(id).map(HostPluginContext::ref);
            }
        };
    }

    @Override
    public HypervisorDirectory hypervisors() {
        return new HypervisorDirectory() {
            @Override
            public List<HypervisorRef> all() {
                Set<Long> visible = visibleHypervisors();
                return inventory.allHypervisors().stream().filter(h -> visible == null || visible.contains(h.getId()))
                        .map(HostPluginContext::ref).toList();
            }

            @Override
            public Optional<HypervisorRef> find(long id) {
                Set<Long> visible = visibleHypervisors();
                return visible == null || visible.contains(id) ? inventory.hypervisor(id).map(HostPluginContext::ref) : Optional.empty();
            }
        };
    }

    /** Null for an admin (all); for a user the hypervisors of their own instances; none for nobody. */
    private Set<Long> visibleHypervisors() {
        Optional<UserRef> user = currentUser.get();
        if (user.isPresent() && user.get().admin()) {
            return null;
        }
        return inventory.visibleInstances().stream().map(i -> i.getHypervisor().getId()).collect(Collectors.toSet());
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
        return new SystemContext() {
            @Override
            public String purpose() {
                return purpose;
            }

            @Override
            public TenantDirectory tenants() {
                return new TenantDirectory() {
                    @Override
                    public List<TenantRef> tenants() {
                        return tenancy.allTenants().stream().map(HostPluginContext::ref).toList();
                    }

                    @Override
                    public Optional<TenantRef> tenant(long id) {
                        return tenancy.tenant(id).map(HostPluginContext::ref);
                    }

                    @Override
                    public List<UserRef> users(long tenantId) {
                        return tenancy.usersOf(tenantId).stream().map(HostPluginContext::ref).toList();
                    }
                };
            }

            @Override
            public InstanceDirectory instances() {
                return new InstanceDirectory() {
                    @Override
                    public List<InstanceRef> visible() {
                        return inventory.allInstancesUnchecked().stream().map(HostPluginContext::ref).toList();
                    }

                    @Override
                    public Optional<InstanceRef> find(long id) {
                        return inventory.findUnchecked(id).map(HostPluginContext::ref);
                    }
                };
            }

            @Override
            public HypervisorDirectory hypervisors() {
                return new HypervisorDirectory() {
                    @Override
                    public List<HypervisorRef> all() {
                        return inventory.allHypervisors().stream().map(HostPluginContext::ref).toList();
                    }

                    @Override
                    public Optional<HypervisorRef> find(long id) {
                        return inventory.hypervisor(id).map(HostPluginContext::ref);
                    }
                };
            }

            @Override
            public InstanceRef adopt(long hypervisorId, String domainUuid, OptionalLong tenantId) {
                return inventory.adoptUnchecked(hypervisorId, domainUuid, tenantId.isPresent() ? tenantId.getAsLong() : null)
                        .map(HostPluginContext::ref)
                        .orElseThrow(() -> new PluginException("hypervisor " + hypervisorId + " has no domain " + domainUuid));
            }
        };
    }

    @Override
    public UiExtensions ui() {
        return ui;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    static TenantRef ref(Tenant t) {
        return new TenantRef(t.getId(), t.getName());
    }

    static UserRef ref(AppUser u) {
        return new UserRef(u.getId(), u.getUsername(), u.getTenant().getId(), u.getRole() == Role.ADMIN);
    }

    static HypervisorRef ref(Hypervisor h) {
        return new HypervisorRef(h.getId(), h.getName(), h.getUri());
    }

    static InstanceRef ref(Instance i) {
        return new InstanceRef(i.getId(), i.getName(),
                i.getTenant() == null ? OptionalLong.empty() : OptionalLong.of(i.getTenant().getId()),
                i.getHypervisor().getId(), i.getDomainUuid(),
                i.getDisks().stream().map(d -> new DiskRef(d.target(), d.sourcePath(), d.format())).toList());
    }
}
