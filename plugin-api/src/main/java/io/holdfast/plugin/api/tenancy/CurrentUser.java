package io.holdfast.plugin.api.tenancy;

import java.util.Optional;

/** The user of the current request, if any (none in background work). */
public interface CurrentUser {

    Optional<UserRef> get();

    /** The current user, or a {@link SecurityException} when nobody is logged in. */
    default UserRef require() {
        return get().orElseThrow(() -> new SecurityException("no user is logged in"));
    }
}
