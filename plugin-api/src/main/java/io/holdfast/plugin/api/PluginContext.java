package io.holdfast.plugin.api;

import io.holdfast.plugin.api.inventory.HypervisorDirectory;
import io.holdfast.plugin.api.inventory.InstanceDirectory;
import io.holdfast.plugin.api.tenancy.CurrentUser;
import io.holdfast.plugin.api.tenancy.TenantDirectory;
import io.holdfast.plugin.api.ui.UiExtensions;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The narrow view of the host a plugin gets in {@link PluginFactory#init(PluginContext)}. Every directory
 * applies the host's tenancy rules for the current user: a plugin cannot see more than its caller may.
 */
public interface PluginContext {

    TenantDirectory tenants();

    CurrentUser currentUser();

    InstanceDirectory instances();

    HypervisorDirectory hypervisors();

    UiExtensions ui();

    /**
     * The host's database. A plugin keeps its own tables, prefixed with its id, and its own migration
     * history table; it never writes the host's tables.
     */
    DataSource dataSource();

    /**
     * A folder for this plugin's own files (keys, caches), created by the host with mode 0700 inside the
     * host's data folder. Since 1.1.
     */
    Path dataDirectory();

    /** A setting of this plugin from the host's configuration: {@code holdfast.plugins.<id>.<name>}. Since 1.1. */
    Optional<String> setting(String name);

    /**
     * The host seen by background work of this plugin (job runners, schedulers), where nobody is logged in:
     * it sees every tenant. {@code purpose} names the work in the host's log. Since 1.1.
     */
    SystemContext system(String purpose);

    /**
     * Where the plugin adds operations to the host's REST API ({@code /api/v1}). Since 1.2; a 1.1 host has
     * no REST API.
     */
    default io.holdfast.plugin.api.rest.RestExtensions rest() {
        throw new UnsupportedOperationException("this host has no REST API (plugin API 1.2)");
    }

    /**
     * Where the plugin adds metrics to the host's Prometheus endpoint. Since 1.3; an older host ignores them
     * (the default drops every source).
     */
    default io.holdfast.plugin.api.metrics.MetricsExtensions metrics() {
        return source -> {
        };
    }
}
