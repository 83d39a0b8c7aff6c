package io.holdfast.it;

import io.holdfast.bridge.testing.TestVm;
import io.holdfast.host.inventory.Instance;
import io.holdfast.host.inventory.InventoryService;
import io.holdfast.host.tenancy.AppUser;
import io.holdfast.host.tenancy.Role;
import io.holdfast.host.tenancy.TenancyService;
import io.holdfast.host.tenancy.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code ./holdfast run} twice in a row must do: the embedded MariaDB's files under the data folder
 * keep tenants, users and assignments; the admin password is generated and printed on the first start only.
 */
class HostRestartIT {

    private static final Pattern PRINTED_PASSWORD = Pattern.compile("password: (\\S+)");

    @Test
    void secondStartKeepsUsersAndAssignmentsAndPrintsNoNewPassword() {
        Path dataDir = RunningHost.newDataDir();
        try (TestVm vm = TestVm.create(8L << 20)) {
            String firstOutput;
            long instanceId;
            try (Capture out = new Capture()) {
                try (RunningHost host = RunningHost.startWithGeneratedPassword(dataDir)) {
                    firstOutput = out.text();
                    TenancyService tenancy = host.bean(TenancyService.class);
                    InventoryService inventory = host.bean(InventoryService.class);
                    Tenant acme = AsAdmin.call(() -> tenancy.createTenant("Acme"));
                    AsAdmin.call(() -> tenancy.createUser("alice", "alice-pass-1", Role.USER, acme.getId()));
                    inventory.discoverAll();
                    Instance instance = AsAdmin.call(inventory::visibleInstances).stream()
                            .filter(i -> i.getName().equals(vm.name())).findFirst().orElseThrow();
                    instanceId = instance.getId();
                    AsAdmin.call(() -> inventory.assign(instance.getId(), acme.getId()));
                }
            }
            Matcher printed = PRINTED_PASSWORD.matcher(firstOutput);
            assertThat(printed.find()).as("first start prints the admin password").isTrue();
            String adminPassword = printed.group(1);
            assertThat(adminPassword).hasSizeGreaterThanOrEqualTo(16);

            try (Capture out = new Capture(); RunningHost host = RunningHost.startWithGeneratedPassword(dataDir)) {
                assertThat(out.text()).doesNotContain("password:");
                TenancyService tenancy = host.bean(TenancyService.class);
                PasswordEncoder encoder = host.bean(PasswordEncoder.class);
                AppUser admin = tenancy.user("admin").orElseThrow();
                assertThat(encoder.matches(adminPassword, admin.getPasswordHash())).isTrue();
                AppUser alice = tenancy.user("alice").orElseThrow();
                assertThat(alice.getTenant().getName()).isEqualTo("Acme");
                assertThat(encoder.matches("alice-pass-1", alice.getPasswordHash())).isTrue();
                Instance instance = AsAdmin.call(() -> host.bean(InventoryService.class).findVisible(instanceId)).orElseThrow();
                assertThat(instance.getName()).isEqualTo(vm.name());
                assertThat(instance.getTenant().getName()).isEqualTo("Acme");
            }
        }
    }

    /** Copies standard output while open (the banner is printed, not logged). */
    private static final class Capture implements AutoCloseable {
        private final PrintStream original = System.out;
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

        Capture() {
            System.setOut(new PrintStream(new TeeStream(original, copy), true, StandardCharsets.UTF_8));
        }

        String text() {
            return copy.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            System.setOut(original);
        }
    }

    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
