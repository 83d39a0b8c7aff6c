package io.holdfast.host.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * {@code Authorization: Bearer hf_…}: a known, unexpired, unrevoked token makes its user the caller for this
 * request, with the same roles as at login. Anything else leaves the request unauthenticated (answered 401).
 */
public final class ApiTokenFilter extends OncePerRequestFilter {

    private final ApiTokenService tokens;
    private final LongFunction<Optional<UserDetails>> userById;

    public ApiTokenFilter(ApiTokenService tokens, LongFunction<Optional<UserDetails>> userById) {
        this.tokens = tokens;
        this.userById = userById;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            tokens.authenticate(header.substring(7).strip()).flatMap(userById::apply).ifPresent(details ->
                    SecurityContextHolder.getContext().setAuthentication(
                            UsernamePasswordAuthenticationToken.authenticated(details, null, details.getAuthorities())));
        }
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
