package io.holdfast.host.tenancy;

import io.holdfast.host.HostProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * First start: creates the provider's own tenant and the {@code admin} user. The password is either the
 * configured one or generated, and is printed once on standard output (never logged, never stored in
 * clear). Later starts leave users alone.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

    static final String PROVIDER_TENANT = "Provider";
    static final String ADMIN = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final TenancyService tenancy;
    private final HostProperties properties;

    AdminBootstrap(TenancyService tenancy, HostProperties properties) {
        this.tenancy = tenancy;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (tenancy.adminExists()) {
            if (properties.resetAdminPassword() && tenancy.user(ADMIN).isPresent()) {
                String password = TenancyService.generatePassword();
                tenancy.resetPasswordUnchecked(ADMIN, password);
                printBanner("The admin password was reset.", password);
            } else {
                log.info("Admin account exists; its password was printed at first start.");
            }
            return;
        }
        Tenant provider = tenancy.tenantByName(PROVIDER_TENANT)
                .orElseGet(() -> tenancy.createTenantUnchecked(PROVIDER_TENANT));
        boolean generated = properties.initialAdminPassword().isBlank();
        String password = generated ? TenancyService.generatePassword() : properties.initialAdminPassword();
        tenancy.createUserUnchecked(ADMIN, password, Role.ADMIN, provider.getId());
        if (generated) {
            printBanner("First start.", password);
        } else {
            log.info("Created the admin account with the configured initial password.");
        }
    }

    private static void printBanner(String what, String password) {
        System.out.println("""

                ================================================================
                  Holdfast: %s Log in as the platform admin:
                    user:     admin
                    password: %s
                  This password is shown only now. Keep it somewhere safe.
                ================================================================
                """.formatted(what, password));
    }
}
