package io.holdfast.host.security;

import io.holdfast.host.tenancy.AppUser;
import io.holdfast.host.tenancy.TenancyService;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

import java.util.List;

@Service
class DatabaseUserDetailsService implements UserDetailsService {

    private final TenancyService tenancy;

    DatabaseUserDetailsService(TenancyService tenancy) {
        this.tenancy = tenancy;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        AppUser user = tenancy.user(username).orElseThrow(() -> new UsernameNotFoundException(username));
        return new User(user.getUsername(), user.getPasswordHash(),
                List.of(new SimpleGrantedAuthority("ROLE_" + user.getRole().name())));
    }
}
