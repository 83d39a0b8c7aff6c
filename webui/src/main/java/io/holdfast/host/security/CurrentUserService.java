package io.holdfast.host.security;

import com.vaadin.flow.server.VaadinRequest;
import io.holdfast.host.tenancy.Role;
import io.holdfast.host.tenancy.TenancyService;
import io.holdfast.plugin.api.tenancy.CurrentUser;
import io.holdfast.plugin.api.tenancy.UserRef;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

import java.util.Optional;

/**
 * Who is calling, from Spring Security's context, looked up fresh for each request so a changed tenant or role
 * counts at once. Within one browser request it is looked up once: a view's first answer asks the services a
 * dozen times, each asking who the caller is (a database round trip each, measured as a tenth of the answer).
 */
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
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request == null) {
            return lookUp(auth.getName());
        }
        // keyed by name: a request never changes who is logged in, but a login request does, half-way through
        String key = CurrentUserService.class.getName() + ":" + auth.getName();
        @SuppressWarnings("unchecked")
        Optional<UserRef> known = (Optional<UserRef>) request.getAttribute(key);
        if (known == null) {
            known = lookUp(auth.getName());
            request.setAttribute(key, known);
        }
        return known;
    }

    private Optional<UserRef> lookUp(String username) {
        return tenancy.user(username)
                .map(u -> new UserRef(u.getId(), u.getUsername(), u.getTenant().getId(), u.getRole() == Role.ADMIN));
    }

    public boolean isAdmin() {
        return get().map(UserRef::admin).orElse(false);
    }
}
