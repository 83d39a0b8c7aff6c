package io.holdfast.plugin.api.tenancy;

/** A customer of the hosting provider; users and instances belong to one tenant. */
public record TenantRef(long id, String name) {
}
