package io.holdfast.host.security;

import io.holdfast.host.tenancy.Role;
import io.holdfast.host.tenancy.TenancyService;
import io.holdfast.plugin.api.tenancy.CurrentUser;
import io.holdfast.plugin.api.tenancy.UserRef;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

import java.util.Optional;

/** Who is calling, from Spring Security's context, looked up fresh so a changed tenant or role counts at once. */
@Service
public class CurrentUserService implements CurrentUser {

    private final TenancyService tenancy;

    CurrentUserService(TenancyService tenancy) {
        this.tenancy = tenancy;
    }

    @Override
    public Optional<UserRef> get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        return tenancy.user(auth.getName())
                .map(u -> new UserRef(u.getId(), u.getUsername(), u.getTenant().getId(), u.getRole() == Role.ADMIN));
    }

    public boolean isAdmin() {
        return get().map(UserRef::admin).orElse(false);
    }
}
