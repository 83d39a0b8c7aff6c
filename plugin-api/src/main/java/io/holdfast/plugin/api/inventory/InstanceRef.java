package io.holdfast.plugin.api.inventory;

import java.util.List;
import java.util.OptionalLong;

/**
 * A virtual machine the host manages.
 *
 * @param tenantId   the owning tenant; empty while no admin has assigned it
 * @param domainUuid the libvirt domain's UUID
 */
public record InstanceRef(long id, String name, OptionalLong tenantId, long hypervisorId, String domainUuid,
                          List<DiskRef> disks) {

    public InstanceRef {
        disks = List.copyOf(disks);
    }
}
