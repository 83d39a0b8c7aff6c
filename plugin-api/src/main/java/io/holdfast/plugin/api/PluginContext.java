package io.holdfast.plugin.api;

import io.holdfast.plugin.api.inventory.HypervisorDirectory;
import io.holdfast.plugin.api.inventory.InstanceDirectory;
import io.holdfast.plugin.api.tenancy.CurrentUser;
import io.holdfast.plugin.api.tenancy.TenantDirectory;
import io.holdfast.plugin.api.ui.UiExtensions;

import javax.sql.DataSource;

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
}
