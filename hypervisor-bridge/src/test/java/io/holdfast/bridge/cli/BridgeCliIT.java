package io.holdfast.bridge.cli;

import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.SnapshotId;
import io.holdfast.bridge.remote.LocalRemote;
import io.holdfast.bridge.testing.TestVm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI end to end on a real VM, and its exit codes for bad input. */
class BridgeCliIT {

    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void backupListRestoreExportVerifyGcOnAnEncryptedDatastore() {
        String store = dir.resolve("store").toString();
        String key = dir.resolve("key").toString();
        assertThat(run("init", "-d", store, "--encrypt", "-k", key).code).isZero();
        try (TestVm vm = TestVm.create(32 * MIB)) {
            vm.writePattern(0x7a, 0, 6 * MIB);
            vm.start();
            String expected = vm.sha256();
            Result backup = run("backup", "-d", store, "-k", key, vm.name());
            assertThat(backup.code).as(backup.err).isZero();
            assertThat(backup.out).contains("(full)");

            Result list = run("list", "-d", "file://" + store, "-k", key);
            assertThat(list.out).contains(vm.name());
            SnapshotId id = Datastore.open(new LocalRemote(Path.of(store)), io.holdfast.bridge.datastore.DatastoreKey.read(Path.of(key)))
                    .snapshots().getFirst();

            Path restored = dir.resolve("restored.raw");
            assertThat(run("restore", "-d", store, "-k", key, id.toString(), "--to", restored.toString(), "--format", "raw").code).isZero();
            assertThat(TestVm.sha256OfImage(restored, "raw")).isEqualTo(expected);
            Path exported = dir.resolve("export.qcow2");
            assertThat(run("export", "-d", store, "-k", key, id.toString(), "--to", exported.toString()).code).isZero();
            assertThat(TestVm.sha256OfImage(exported, "qcow2")).isEqualTo(expected);

            assertThat(run("verify", "-d", store, "-k", key).out).contains("all good");
            assertThat(run("gc", "-d", store, "-k", key, "--dry-run").code).isZero();

            // restoring over an existing file is refused and changes nothing
            Result again = run("restore", "-d", store, "-k", key, id.toString(), "--to", restored.toString());
            assertThat(again.code).isEqualTo(ExitCodes.FAILED);
            assertThat(again.err).contains("already exists");
        }
    }

    @Test
    void badInputGetsOneSentenceAndAnExitCodeSayingWhat() {
        String store = dir.resolve("store").toString();
        assertThat(run("list", "-d", store)).satisfies(r -> {
            assertThat(r.code).isEqualTo(ExitCodes.DATASTORE);
            assertThat(r.err).contains("no datastore");
        });
        run("init", "-d", store);
        assertThat(run("backup", "-d", store, "no-such-domain-xyz")).satisfies(r -> {
            assertThat(r.code).isEqualTo(ExitCodes.HYPERVISOR);
            assertThat(r.err).contains("no domain 'no-such-domain-xyz'");
        });
        assertThat(run("restore", "-d", store, "not-a-snapshot", "--to", dir.resolve("x").toString()).code).isEqualTo(ExitCodes.USAGE);
        assertThat(run("backup", "-d", store, "-k", dir.resolve("absent-key").toString(), "vm").code).isEqualTo(ExitCodes.USAGE);
        assertThat(run("frobnicate").code).isEqualTo(ExitCodes.USAGE);
        Result wrongKey = run("list", "-d", store, "-k", writeKey());
        assertThat(wrongKey.code).isEqualTo(ExitCodes.DATASTORE);
        assertThat(wrongKey.err).contains("not encrypted");
        assertThat(wrongKey.err).doesNotContain("Exception");
    }

    private String writeKey() {
        Path key = dir.resolve("k2");
        io.holdfast.bridge.datastore.DatastoreKey.generateInto(key);
        return key.toString();
    }

    private record Result(int code, String out, String err) {
    }

    private static synchronized Result run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = BridgeCli.run(args);
            return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
