package io.holdfast.host.inventory;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LibvirtUriTest {

    @Test
    void qemuUrisOnThisMachineOrAHostAreAccepted() {
        for (String ok : List.of("qemu:///system", "qemu:///session", "qemu+ssh://root@hv1.example.com/system",
                "qemu+tls://hv2/system", "qemu+tcp://10.0.0.5/system", "qemu+ssh://[fe80::1]/system")) {
            assertThat(LibvirtUri.problem(ok)).as(ok).isEmpty();
        }
    }

    /** Hardening: URIs that run programs or read files on the master were accepted by the admin form. */
    @Test
    void urisThatRunProgramsOrReadFilesAreRefused() {
        List<String[]> table = List.of(
                new String[]{"qemu+ssh://h/?command=/usr/bin/id&x=/system", "parameters"},
                new String[]{"qemu+ssh://h/system?command=/usr/bin/id", "parameters"},
                new String[]{"qemu+ssh://h/system?netcat=/tmp/nc", "parameters"},
                new String[]{"qemu:///system?socket=/tmp/evil.sock", "parameters"},
                new String[]{"test:///etc/shadow", "QEMU driver"},
                new String[]{"test:///default", "QEMU driver"},
                new String[]{"qemu+ext:///system?command=/bin/sh", "QEMU driver"},
                new String[]{"qemu+ssh:///system", "host"},
                new String[]{"qemu:///etc/shadow", "/system or /session"},
                new String[]{"qemu+ssh://h/system#x", "parameters"},
                new String[]{"qemu+ssh://-oProxyCommand=id/system", "host"},
                new String[]{"not a uri", "not a URI"});
        for (String[] row : table) {
            assertThat(LibvirtUri.problem(row[0])).as(row[0]).hasValueSatisfying(p -> assertThat(p).contains(row[1]));
        }
    }
}
