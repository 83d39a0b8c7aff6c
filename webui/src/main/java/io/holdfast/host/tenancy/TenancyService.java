package io.holdfast.host.tenancy;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Tenants and users. Management methods are admin-only; the bootstrap calls the unchecked variants. */
@Service
public class TenancyService {

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._-]{1,100}");
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,99}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TenantRepository tenants;
    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;

    TenancyService(TenantRepository tenants, UserRepository users, PasswordEncoder passwordEncoder) {
        this.tenants = tenants;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
    }

    /** A random password of 20 URL-safe characters (120 bits). */
    public static String generatePassword() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public Tenant createTenant(String name) {
        return createTenantUnchecked(name);
    }

    @Transactional
    public Tenant createTenantUnchecked(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (!NAME.matcher(trimmed).matches()) {
            throw new TenancyException("Tenant name must be 1-100 letters, digits, spaces, dots, dashes or underscores.");
        }
        if (tenants.findByName(trimmed).isPresent()) {
            throw new TenancyException("A tenant named '" + trimmed + "' already exists.");
        }
        return tenants.save(new Tenant(trimmed));
    }

    @Transactional(readOnly = true)
    public List<Tenant> allTenants() {
        return tenants.findAll().stream().sorted((a, b) -> a.getName().compareToIgnoreCase(b.getName())).toList();
    }

    @Transactional(readOnly = true)
    public Optional<Tenant> tenant(long id) {
        return tenants.findById(id);
    }

    @Transactional(readOnly = true)
    public Optional<Tenant> tenantByName(String name) {
        return tenants.findByName(name);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public AppUser createUser(String username, String password, Role role, long tenantId) {
        return createUserUnchecked(username, password, role, tenantId);
    }

    @Transactional
    public AppUser createUserUnchecked(String username, String password, Role role, long tenantId) {
        String name = username == null ? "" : username.strip();
        if (!USERNAME.matcher(name).matches()) {
            throw new TenancyException("Username must be 2-100 lower case letters, digits, dots, dashes or underscores.");
        }
        if (password == null || password.length() < 8) {
            throw new TenancyException("Password must have at least 8 characters.");
        }
        if (role == null) {
            throw new TenancyException("Choose a role.");
        }
        if (users.findByUsername(name).isPresent()) {
            throw new TenancyException("A user named '" + name + "' already exists.");
        }
        Tenant tenant = tenants.findById(tenantId)
                .orElseThrow(() -> new TenancyException("The chosen tenant no longer exists."));
        return users.save(new AppUser(name, passwordEncoder.encode(password), role, tenant));
    }

    @Transactional
    public void resetPasswordUnchecked(String username, String password) {
        AppUser user = users.findByUsername(username)
                .orElseThrow(() -> new TenancyException("No user named '" + username + "'."));
        user.setPasswordHash(passwordEncoder.encode(password));
    }

    @Transactional(readOnly = true)
    public List<AppUser> allUsers() {
        return users.findAll().stream().sorted((a, b) -> a.getUsername().compareTo(b.getUsername())).toList();
    }

    @Transactional(readOnly = true)
    public List<AppUser> usersOf(long tenantId) {
        return users.findByTenantIdOrderByUsername(tenantId);
    }

    @Transactional(readOnly = true)
    public Optional<AppUser> user(String username) {
        return users.findByUsername(username);
    }

    @Transactional(readOnly = true)
    public Optional<AppUser> userById(long id) {
        return users.findById(id);
    }

    @Transactional(readOnly = true)
    public boolean adminExists() {
        return users.existsByRole(Role.ADMIN);
    }
}
