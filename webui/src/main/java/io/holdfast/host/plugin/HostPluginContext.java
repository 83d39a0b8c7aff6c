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

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The host seen through plugin-api: host entities become plugin-api records, tenancy rules apply. */
final class HostPluginContext implements PluginContext {

    private final TenancyService tenancy;
    private final InventoryService inventory;
    private final CurrentUserService currentUser;
    private final UiExtensions ui;
    private final DataSource dataSource;

    HostPluginContext(TenancyService tenancy, InventoryService inventory, CurrentUserService currentUser,
                      UiExtensions ui, DataSource dataSource) {
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
                return inventory.allHypervisors().stream().map(HostPluginContext::ref).toList();
            }

            @Override
            public Optional<HypervisorRef> find(long id) {
                return inventory.hypervisor(id).map(HostPluginContext::ref);
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
