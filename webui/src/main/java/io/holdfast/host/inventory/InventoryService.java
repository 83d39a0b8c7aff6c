package io.holdfast.host.inventory;

import io.holdfast.host.security.CurrentUserService;
import io.holdfast.host.tenancy.TenancyService;
import io.holdfast.host.tenancy.Tenant;
import io.holdfast.plugin.api.tenancy.UserRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Hypervisors and instances. Every read of instances is filtered by the caller's tenant: an instance of
 * another tenant is reported exactly as one that does not exist. Changes are admin-only.
 */
@Service
public class InventoryService {

    private static final Logger log = LoggerFactory.getLogger(InventoryService.class);
    private static final Pattern HYPERVISOR_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]{0,99}");

    private final HypervisorRepository hypervisors;
    private final InstanceRepository instances;
    private final LibvirtDiscovery discovery;
    private final CurrentUserService currentUser;
    private final TenancyService tenancy;

    InventoryService(HypervisorRepository hypervisors, InstanceRepository instances, LibvirtDiscovery discovery,
                     CurrentUserService currentUser, TenancyService tenancy) {
        this.hypervisors = hypervisors;
        this.instances = instances;
        this.discovery = discovery;
        this.currentUser = currentUser;
        this.tenancy = tenancy;
    }

    @Transactional(readOnly = true)
    public List<Hypervisor> allHypervisors() {
        return hypervisors.findAll();
    }

    @Transactional(readOnly = true)
    public Optional<Hypervisor> hypervisor(long id) {
        return hypervisors.findById(id);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public Hypervisor addHypervisor(String name, String uri) {
        String n = name == null ? "" : name.strip();
        String u = uri == null ? "" : uri.strip();
        if (!HYPERVISOR_NAME.matcher(n).matches()) {
            throw new InventoryException("Name must be 1-100 letters, digits, dots, dashes or underscores.");
        }
        Optional<String> problem = LibvirtUri.problem(u);
        if (problem.isPresent()) {
            throw new InventoryException("URI " + problem.get() + ".");
        }
        if (hypervisors.findByName(n).isPresent()) {
            throw new InventoryException("A hypervisor named '" + n + "' already exists.");
        }
        return hypervisors.save(new Hypervisor(n, u));
    }

    /** Registers the local hypervisor on first start. */
    @Transactional
    public void ensureHypervisor(String name, String uri) {
        if (hypervisors.findByName(name).isEmpty()) {
            hypervisors.save(new Hypervisor(name, uri));
            log.info("Registered hypervisor '{}' at {}", name, uri);
        }
    }

    /**
     * Reads every hypervisor's domains and updates the instance list: new domains appear unassigned,
     * vanished ones are marked {@value Instance#MISSING} and keep their tenant. A hypervisor that cannot
     * be reached keeps its instances as they were and records why.
     */
    @Transactional
    public void discoverAll() {
        for (Hypervisor hypervisor : hypervisors.findAll()) {
            discover(hypervisor);
        }
    }

    private void discover(Hypervisor hypervisor) {
        List<DiscoveredDomain> found;
        try {
            found = discovery.domains(hypervisor.getUri());
        } catch (InventoryException e) {
            log.warn("Discovery on hypervisor '{}' failed: {}", hypervisor.getName(), e.getMessage());
            hypervisor.discovered(Instant.now(), e.getMessage());
            return;
        }
        Map<String, Instance> known = new HashMap<>();
        for (Instance instance : instances.findByHypervisorId(hypervisor.getId())) {
            known.put(instance.getDomainUuid(), instance);
        }
        for (DiscoveredDomain domain : found) {
            Instance instance = known.remove(domain.uuid());
            if (instance == null) {
                instance = new Instance(hypervisor, domain.uuid());
            }
            instance.update(domain.name(), domain.state(), domain.disks());
            instances.save(instance);
        }
        known.values().forEach(Instance::markMissing);
        hypervisor.discovered(Instant.now(), null);
    }

    /** Instances the current user may see: all for an admin, their tenant's for a user, none otherwise. */
    @Transactional(readOnly = true)
    public List<Instance> visibleInstances() {
        Optional<UserRef> user = currentUser.get();
        if (user.isEmpty()) {
            return List.of();
        }
        return user.get().admin() ? instances.findAllByOrderByName() : instances.findByTenantIdOrderByName(user.get().tenantId());
    }

    /** The instance, if it exists and the current user may see it. */
    @Transactional(readOnly = true)
    public Optional<Instance> findVisible(long id) {
        Optional<UserRef> user = currentUser.get();
        if (user.isEmpty()) {
            return Optional.empty();
        }
        return instances.findById(id).filter(i -> user.get().admin()
                || (i.getTenant() != null && i.getTenant().getId() == user.get().tenantId()));
    }

    /** Gives an instance to a tenant, or takes it away with {@code tenantId} null. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public Instance assign(long instanceId, Long tenantId) {
        Instance instance = instances.findById(instanceId)
                .orElseThrow(() -> new InventoryException("That instance no longer exists."));
        Tenant tenant = tenantId == null ? null : tenancy.tenant(tenantId)
                .orElseThrow(() -> new InventoryException("That tenant no longer exists."));
        instance.assignTo(tenant);
        log.info("Instance '{}' ({}) assigned to {}", instance.getName(), instance.getDomainUuid(),
                tenant == null ? "no tenant" : "tenant '" + tenant.getName() + "'");
        return instances.save(instance);
    }

    /**
     * For plugins' background work (already authorised): discovers the hypervisor again and gives the
     * domain with {@code domainUuid} to the tenant. Empty when the hypervisor has no such domain.
     */
    @Transactional
    public Optional<Instance> adoptUnchecked(long hypervisorId, String domainUuid, Long tenantId) {
        Optional<Hypervisor> hypervisor = hypervisors.findById(hypervisorId);
        if (hypervisor.isEmpty()) {
            return Optional.empty();
        }
        discover(hypervisor.get());
        Optional<Instance> instance = instances.findByHypervisorId(hypervisorId).stream()
                .filter(i -> i.getDomainUuid().equals(domainUuid)).findFirst();
        instance.ifPresent(i -> {
            i.assignTo(tenantId == null ? null : tenancy.tenant(tenantId).orElse(null));
            instances.save(i);
            log.info("Instance '{}' ({}) registered by a plugin for tenant {}", i.getName(), domainUuid, tenantId);
        });
        return instance;
    }

    /** Every instance, whoever asks: for plugins' background work only (see the plugin's system context). */
    @Transactional(readOnly = true)
    public List<Instance> allInstancesUnchecked() {
        return instances.findAllByOrderByName();
    }

    @Transactional(readOnly = true)
    public Optional<Instance> findUnchecked(long id) {
        return instances.findById(id);
    }

    /** For the bootstrap and the demo only: assigns by domain name without a logged-in admin. */
    @Transactional
    public boolean assignByNameUnchecked(String domainName, long tenantId) {
        Optional<Instance> instance = instances.findByName(domainName);
        Optional<Tenant> tenant = tenancy.tenant(tenantId);
        if (instance.isEmpty() || tenant.isEmpty() || instance.get().getTenant() != null) {
            return false;
        }
        instance.get().assignTo(tenant.get());
        return true;
    }
}
