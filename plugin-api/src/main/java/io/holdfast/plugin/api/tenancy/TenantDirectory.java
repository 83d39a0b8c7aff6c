package io.holdfast.plugin.api.tenancy;

import java.util.List;
import java.util.Optional;

/** Tenants and their users. Only an admin sees every tenant; a user sees their own. */
public interface TenantDirectory {

    List<TenantRef> tenants();

    Optional<TenantRef> tenant(long id);

    List<UserRef> users(long tenantId);
}
