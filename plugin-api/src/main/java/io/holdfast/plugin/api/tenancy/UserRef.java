package io.holdfast.plugin.api.tenancy;

/**
 * A user of the host.
 *
 * @param admin whether the user is a platform admin (sees every tenant)
 */
public record UserRef(long id, String username, long tenantId, boolean admin) {
}
