package io.holdfast.plugin.api.inventory;

/** A hypervisor the host manages, reached through libvirt at {@code uri}. */
public record HypervisorRef(long id, String name, String uri) {
}
