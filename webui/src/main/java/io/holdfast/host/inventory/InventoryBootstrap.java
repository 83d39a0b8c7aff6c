package io.holdfast.host.inventory;

import io.holdfast.host.HostProperties;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** On every start: the local hypervisor is registered, then every hypervisor's domains are read. */
@Component
@Order(10)
class InventoryBootstrap implements ApplicationRunner {

    static final String LOCAL = "local";

    private final InventoryService inventory;
    private final HostProperties properties;

    InventoryBootstrap(InventoryService inventory, HostProperties properties) {
        this.inventory = inventory;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        inventory.ensureHypervisor(LOCAL, properties.localHypervisorUri());
        inventory.discoverAll();
    }
}
