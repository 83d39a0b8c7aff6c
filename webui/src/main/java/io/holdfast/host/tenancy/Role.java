package io.holdfast.host.tenancy;

/** A user's role: a platform admin sees every tenant and the admin panel; a user sees their own tenant. */
public enum Role {
    ADMIN, USER
}
