package io.holdfast.bridge.libvirt;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NewInstanceXmlTest {

    private static final String SAVED = """
            <domain type='qemu'>
              <name>web-1</name>
              <uuid>0b6d2a4e-1111-2222-3333-444455556666</uuid>
              <memory unit='KiB'>131072</memory>
              <devices>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='raw'/>
                  <source file='/var/lib/libvirt/images/web-1.img'/>
                  <target dev='vda' bus='virtio'/>
                </disk>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='qcow2'/>
                  <source file='/var/lib/libvirt/images/web-1-data.qcow2'/>
                  <target dev='vdb' bus='virtio'/>
                </disk>
                <disk type='file' device='cdrom'>
                  <source file='/iso/debian.iso'/>
                  <target dev='sda' bus='sata'/>
                </disk>
                <interface type='network'>
                  <mac address='52:54:00:aa:bb:cc'/>
                  <source network='default'/>
                  <target dev='vnet3'/>
                </interface>
              </devices>
              <seclabel type='dynamic' model='dac' relabel='yes'><label>+64055:+994</label></seclabel>
            </domain>
            """;

    @Test
    void theCopyHasANewNameNoUuidNoMacAndOnlyItsOwnImages() {
        String xml = NewInstanceXml.rewrite(SAVED, "web-1-restored", Map.of("vda", Path.of("/images/web-1-restored-vda.qcow2")));

        assertThat(xml).contains("<name>web-1-restored</name>")
                .doesNotContain("<uuid>").doesNotContain("52:54:00:aa:bb:cc").doesNotContain("vnet3")
                .doesNotContain("seclabel")
                .contains("/images/web-1-restored-vda.qcow2")
                .doesNotContain("/var/lib/libvirt/images/web-1.img")
                // a disk that was not restored must not be shared with the original
                .doesNotContain("web-1-data.qcow2")
                .contains("/iso/debian.iso");
        List<VmDisk> disks = DomainDisks.parse(xml);
        assertThat(disks).containsExactly(new VmDisk("vda", Path.of("/images/web-1-restored-vda.qcow2"), "qcow2"));
    }
}
