package io.holdfast.host.demo;

import io.holdfast.host.inventory.InventoryService;
import io.holdfast.host.tenancy.Role;
import io.holdfast.host.tenancy.TenancyService;
import io.holdfast.host.tenancy.Tenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * With {@code holdfast.demo=true} ({@code ./holdfast run --demo}): a "Demo" tenant, a {@code demo} user whose
 * generated password is printed once, and the demo VM ({@value #DEMO_DOMAIN}, created by the run script)
 * assigned to that tenant.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "holdfast.demo", havingValue = "true")
class DemoSetup implements ApplicationRunner {

    static final String DEMO_DOMAIN = "holdfast-demo";
    private static final Logger log = LoggerFactory.getLogger(DemoSetup.class);

    private final TenancyService tenancy;
    private final InventoryService inventory;

    DemoSetup(TenancyService tenancy, InventoryService inventory) {
        this.tenancy = tenancy;
        this.inventory = inventory;
    }

    @Override
    public void run(ApplicationArguments args) {
        Tenant demo = tenancy.tenantByName("Demo").orElseGet(() -> tenancy.createTenantUnchecked("Demo"));
        if (tenancy.user("demo").isEmpty()) {
            String password = TenancyService.generatePassword();
            tenancy.createUserUnchecked("demo", password, Role.USER, demo.getId());
            System.out.println("""

                    ================================================================
                      Demo: log in as the demo tenant's user to see its VM:
                        user:     demo
                        password: %s
                    ================================================================
                    """.formatted(password));
        }
        if (inventory.assignByNameUnchecked(DEMO_DOMAIN, demo.getId())) {
            log.info("Demo VM '{}' assigned to tenant 'Demo'", DEMO_DOMAIN);
        }
    }
}
