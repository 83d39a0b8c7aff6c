package io.holdfast.plugin.api;

import io.holdfast.plugin.api.inventory.HypervisorDirectory;
import io.holdfast.plugin.api.inventory.InstanceDirectory;
import io.holdfast.plugin.api.inventory.InstanceRef;
import io.holdfast.plugin.api.tenancy.TenantDirectory;

import java.util.OptionalLong;

/**
 * The host as background work sees it: every tenant, instance and hypervisor, with no user logged in.
 * A plugin uses it only for work it has already authorised (a job a user was allowed to queue), never
 * to answer a user's request.
 */
public interface SystemContext {

    /** What this context is for, as named by the plugin (shown in the host's log). */
    String purpose();

    TenantDirectory tenants();

    InstanceDirectory instances();

    HypervisorDirectory hypervisors();

    /**
     * Registers a domain the plugin has just defined on a hypervisor (a restore to a new instance) as an
     * instance of the host, owned by {@code tenantId} (or unassigned when empty).
     *
     * @throws PluginException when the hypervisor has no such domain
     */
    InstanceRef adopt(long hypervisorId, String domainUuid, OptionalLong tenantId);
}
