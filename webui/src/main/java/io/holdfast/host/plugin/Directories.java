package io.holdfast.host.plugin;

import io.holdfast.host.inventory.Hypervisor;
import io.holdfast.host.inventory.Instance;
import io.holdfast.host.inventory.InventoryService;
import io.holdfast.host.security.CurrentUserService;
import io.holdfast.host.tenancy.AppUser;
import io.holdfast.host.tenancy.Role;
import io.holdfast.host.tenancy.TenancyService;
import io.holdfast.host.tenancy.Tenant;
import io.holdfast.plugin.api.inventory.DiskRef;
import io.holdfast.plugin.api.inventory.HypervisorDirectory;
import io.holdfast.plugin.api.inventory.HypervisorRef;
import io.holdfast.plugin.api.inventory.InstanceDirectory;
import io.holdfast.plugin.api.inventory.InstanceRef;
import io.holdfast.plugin.api.tenancy.TenantDirectory;
import io.holdfast.plugin.api.tenancy.TenantRef;
import io.holdfast.plugin.api.tenancy.UserRef;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The host's tenants, instances and hypervisors as plugin-api directories, seen through one
 * {@link Visibility}: the current user's (a plugin answering a request) or everything (a plugin's
 * background work through its system context).
 */
final class Directories {

    /** What a caller may see. */
    interface Visibility {
        boolean tenant(long id);

        List<Instance> instances();

        Optional<Instance> instance(long id);

        boolean hypervisor(long id);
    }

    private final TenancyService tenancy;
    private final InventoryService inventory;
    private final Visibility visibility;

    Directories(TenancyService tenancy, InventoryService inventory, Visibility visibility) {
        this.tenancy = tenancy;
        this.inventory = inventory;
        this.visibility = visibility;
    }

    /**
     * The current user's view: an admin sees everything; a user their tenant, its instances and the hypervisors
     * they run on; nobody logged in sees nothing.
     */
    static Visibility ofCurrentUser(CurrentUserService currentUser, InventoryService inventory) {
        return new Visibility() {
            @Override
            public boolean tenant(long id) {
                return currentUser.get().map(u -> u.admin() || u.tenantId() == id).orElse(false);
            }

            @Override
            public List<Instance> instances() {
                return inventory.visibleInstances();
            }

            @Override
            public Optional<Instance> instance(long id) {
                return inventory.findVisible(id);
            }

            @Override
            public boolean hypervisor(long id) {
                if (currentUser.get().map(UserRef::admin).orElse(false)) {
                    return true;
                }
                Set<Long> theirs = inventory.visibleInstances().stream().map(i -> i.getHypervisor().getId()).collect(Collectors.toSet());
                return theirs.contains(id);
            }
        };
    }

    /** Everything, for background work a user was already allowed to ask for. */
    static Visibility everything(InventoryService inventory) {
        return new Visibility() {
            @Override
            public boolean tenant(long id) {
                return true;
            }

            @Override
            public List<Instance> instances() {
                return inventory.allInstancesUnchecked();
            }

            @Override
            public Optional<Instance> instance(long id) {
                return inventory.findUnchecked(id);
            }

            @Override
            public boolean hypervisor(long id) {
                return true;
            }
        };
    }

    TenantDirectory tenants() {
        return new TenantDirectory() {
            @Override
            public List<TenantRef> tenants() {
                return tenancy.allTenants().stream().filter(t -> visibility.tenant(t.getId())).map(Directories::ref).toList();
            }

            @Override
            public Optional<TenantRef> tenant(long id) {
                return visibility.tenant(id) ? tenancy.tenant(id).map(Directories::ref) : Optional.empty();
            }

            @Override
            public List<UserRef> users(long tenantId) {
                return visibility.tenant(tenantId) ? tenancy.usersOf(tenantId).stream().map(Directories::ref).toList() : List.of();
            }
        };
    }

    InstanceDirectory instances() {
        return new InstanceDirectory() {
            @Override
            public List<InstanceRef> visible() {
                return visibility.instances().stream().map(Directories::ref).toList();
            }

            @Override
            public Optional<InstanceRef> find(long id) {
                return visibility.instance(id).map(Directories::ref);
            }
        };
    }

    HypervisorDirectory hypervisors() {
        return new HypervisorDirectory() {
            @Override
            public List<HypervisorRef> all() {
                return inventory.allHypervisors().stream().filter(h -> visibility.hypervisor(h.getId())).map(Directories::ref).toList();
            }

            @Override
            public Optional<HypervisorRef> find(long id) {
                return visibility.hypervisor(id) ? inventory.hypervisor(id).map(Directories::ref) : Optional.empty();
            }
        };
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
