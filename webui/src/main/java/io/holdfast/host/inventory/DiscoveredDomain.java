package io.holdfast.host.inventory;

import java.util.List;

/** One libvirt domain as discovery read it. */
record DiscoveredDomain(String uuid, String name, String state, List<InstanceDisk> disks) {
}
