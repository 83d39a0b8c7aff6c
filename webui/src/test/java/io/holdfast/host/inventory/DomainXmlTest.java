package io.holdfast.host.inventory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DomainXmlTest {

    @Test
    void readsFileAndBlockDisksSkipsCdromsAndDisksWithoutSource() {
        String xml = """
                <domain type='kvm'><name>web1</name><devices>
                  <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
                    <source file='/var/lib/libvirt/images/web1.qcow2'/><target dev='vda' bus='virtio'/></disk>
                  <disk type='block' device='disk'><driver name='qemu' type='raw'/>
                    <source dev='/dev/vg0/web1-data'/><target dev='vdb' bus='virtio'/></disk>
                  <disk type='file' device='cdrom'><source file='/iso/debian.iso'/><target dev='sda' bus='sata'/></disk>
                  <disk type='file' device='disk'><target dev='vdc' bus='virtio'/></disk>
                </devices></domain>""";
        assertThat(DomainXml.disks(xml)).containsExactly(
                new InstanceDisk("vda", "/var/lib/libvirt/images/web1.qcow2", "qcow2"),
                new InstanceDisk("vdb", "/dev/vg0/web1-data", "raw"));
    }

    @Test
    void aDiskWithoutDriverTypeIsRaw() {
        String xml = "<domain><devices><disk type='file' device='disk'><source file='/x.img'/><target dev='hda'/></disk></devices></domain>";
        assertThat(DomainXml.disks(xml)).containsExactly(new InstanceDisk("hda", "/x.img", "raw"));
    }

    @Test
    void brokenXmlIsAClearError() {
        assertThatThrownBy(() -> DomainXml.disks("<domain>")).isInstanceOf(InventoryException.class)
                .hasMessageStartingWith("cannot read the domain XML");
    }

    @Test
    void doctypesAreRefused() {
        String xxe = "<?xml version='1.0'?><!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain>&x;</domain>";
        assertThatThrownBy(() -> DomainXml.disks(xxe)).isInstanceOf(InventoryException.class);
    }
}
