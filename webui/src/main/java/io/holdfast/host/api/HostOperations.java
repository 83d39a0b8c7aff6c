package io.holdfast.host.api;

import io.holdfast.host.inventory.Instance;
import io.holdfast.host.inventory.InventoryService;
import io.holdfast.plugin.api.rest.RestOperation;
import io.holdfast.plugin.api.rest.RestProblem;
import io.holdfast.plugin.api.rest.RestResponse;
import org.springframework.stereotype.Component;

import java.util.List;

/** The host's own operations: the instances the caller may see (an admin: all; a user: their tenant's). */
@Component
class HostOperations {

    /** An instance as the API shows it. */
    record InstanceView(long id, String name, String domainUuid, String state, long hypervisorId, Long tenantId) {
    }

    HostOperations(ApiRegistry registry, InventoryService inventory) {
        registry.add(RestOperation.get("/instances", "listInstances", "Lists the instances the caller may see.",
                request -> RestResponse.ok(inventory.visibleInstances().stream().map(HostOperations::view).toList())));
        registry.add(RestOperation.get("/instances/{instanceId}", "getInstance", "Shows one instance.",
                request -> RestResponse.ok(inventory.findVisible(request.id("instanceId")).map(HostOperations::view)
                        .orElseThrow(() -> RestProblem.notFound("No such instance.")))));
    }

    private static InstanceView view(Instance i) {
        return new InstanceView(i.getId(), i.getName(), i.getDomainUuid(), i.getState(), i.getHypervisor().getId(),
                i.getTenant() == null ? null : i.getTenant().getId());
    }
}
