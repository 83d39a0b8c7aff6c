package io.holdfast.plugin.api.inventory;

/**
 * One disk of an instance, as the libvirt domain defines it.
 *
 * @param target     the guest device name, e.g. {@code vda}
 * @param sourcePath the image on the hypervisor
 * @param format     the image format, e.g. {@code qcow2} or {@code raw}
 */
public record DiskRef(String target, String sourcePath, String format) {
}
