package io.holdfast.it;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.List;
import java.util.function.Supplier;

/** Runs a call in a test as a logged-in user (as the UI would), or as nobody (background work). */
final class AsUser {

    private AsUser() {
    }

    static <T> T call(String username, Supplier<T> work) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                username, null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    static <T> T nobody(Supplier<T> work) {
        SecurityContextHolder.clearContext();
        return work.get();
    }
}
