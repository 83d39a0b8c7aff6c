package io.holdfast.host.security;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Form login (Vaadin's LoginForm) against users in the database; view access by annotations.
 * <p>
 * Views carry {@code @RolesAllowed}, which Vaadin's navigation access control reads itself; Spring's method
 * security checks the services' {@code @PreAuthorize} only. JSR-250 method security stays off: with it, Spring
 * wrapped every admin view in a CGLIB proxy at each navigation (a quarter of the server's samples in a profile;
 * the Jobs page answered in ~115 ms instead of ~170 ms without it, docs/performance.md).
 */
@Configuration
@EnableMethodSecurity
class SecurityConfig {

    /**
     * {@code /actuator/**}: health for anyone (its status only), the Prometheus endpoint for an admin's API token
     * (Prometheus sends it as a bearer token): its labels name instances and tenants.
     */
    @Bean
    @org.springframework.core.annotation.Order(0)
    SecurityFilterChain actuatorFilterChain(HttpSecurity http, io.holdfast.host.api.ApiTokenService tokens,
                                            io.holdfast.host.tenancy.TenancyService tenancy, DatabaseUserDetailsService users) throws Exception {
        bearerOnly(http, "/actuator/**", tokens, tenancy, users)
                .authorizeHttpRequests(auth -> auth.requestMatchers("/actuator/health").permitAll().anyRequest().hasRole("ADMIN"))
                .exceptionHandling(e -> e.accessDeniedHandler(io.holdfast.host.api.Problems::forbidden));
        return http.build();
    }

    /**
     * {@code /api/**}: stateless, bearer tokens only, every error as problem details. Ordered before the Vaadin
     * chain; roles are checked per operation by the dispatcher.
     */
    @Bean
    @org.springframework.core.annotation.Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, io.holdfast.host.api.ApiTokenService tokens,
                                       io.holdfast.host.tenancy.TenancyService tenancy, DatabaseUserDetailsService users) throws Exception {
        bearerOnly(http, "/api/**", tokens, tenancy, users)
                .authorizeHttpRequests(auth -> auth.requestMatchers("/api/v1/openapi.json").permitAll().anyRequest().authenticated());
        return http.build();
    }

    /**
     * A chain for machines: API tokens as bearer tokens, no session, no form login, no CSRF (no cookie
     * authenticates), a missing or bad token answered as problem details.
     */
    private static HttpSecurity bearerOnly(HttpSecurity http, String paths, io.holdfast.host.api.ApiTokenService tokens,
                                           io.holdfast.host.tenancy.TenancyService tenancy, DatabaseUserDetailsService users)
            throws Exception {
        return http.securityMatcher(paths)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(org.springframework.security.config.http.SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new io.holdfast.host.api.ApiTokenFilter(tokens, id -> tenancy.userById(id)
                                .map(u -> users.loadUserByUsername(u.getUsername()))),
                        org.springframework.security.web.authentication.AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(io.holdfast.host.api.Problems::unauthorized));
    }

    @Bean
    @org.springframework.core.annotation.Order(2)
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/holdfast.css").permitAll());
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class));
        return http.build();
    }

    /** bcrypt, with the algorithm id stored in the hash so it can change later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
