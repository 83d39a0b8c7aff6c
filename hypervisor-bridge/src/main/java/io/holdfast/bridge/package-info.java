/**
 * The hypervisor bridge: the agent that runs on each hypervisor and moves VM disks between libvirt/QEMU
 * (over NBD) and a datastore. Features live in sub-packages; the bridge depends on no other Holdfast
 * module but {@code policies-gfs}.
 */
package io.holdfast.bridge;
