package io.holdfast.bridge.testing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The fixtures themselves, against the real libvirt/QEMU of this machine. */
class VmFixturesIT {

    private static final long MIB = 1 << 20;

    @Test
    void writesAreVisibleInTheGuestContentsRunningOrStopped() {
        String name;
        try (TestVm vm = TestVm.create(16 * MIB)) {
            name = vm.name();
            String empty = vm.sha256();
            // 16 MiB of zeros
            assertThat(empty).isEqualTo("080acf35a507ac9849cfcba47dc2ad83e01b75663a516279c8b9d243b719643e");

            vm.writePattern(0xab, 0, MIB);
            String afterOffline = vm.sha256();
            assertThat(afterOffline).isNotEqualTo(empty);

            vm.start();
            assertThat(vm.isRunning()).isTrue();
            vm.writePattern(0xcd, 4 * MIB, MIB);
            vm.stop();
            String afterOnline = vm.sha256();
            assertThat(afterOnline).isNotEqualTo(afterOffline);

            // the same writes into a fresh image give the same digest: the digest is of contents only
            try (TestVm twin = TestVm.create(16 * MIB)) {
                twin.writePattern(0xab, 0, MIB).writePattern(0xcd, 4 * MIB, MIB);
                assertThat(twin.sha256()).isEqualTo(afterOnline);
            }
        }
        assertThat(Commands.run("virsh", "-c", TestVm.URI, "list", "--all", "--name")).doesNotContain(name);
    }
}
