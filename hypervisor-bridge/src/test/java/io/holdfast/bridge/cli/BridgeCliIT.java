package io.holdfast.bridge.cli;

import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.SnapshotId;
import io.holdfast.bridge.remote.LocalRemote;
import io.holdfast.bridge.testing.S3ProxyServer;
import io.holdfast.bridge.testing.TestVm;
import io.holdfast.bridge.testing.VsftpdServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

            // a mirror into a new datastore with its own key: the copy restores alike; a second run sends nothing
            String offsite = dir.resolve("offsite").toString();
            String offsiteKey = dir.resolve("offsite.key").toString();
            assertThat(run("init", "-d", dir.resolve("unused").toString(), "--encrypt", "-k", offsiteKey).code).isZero();
            Result mirror = run("mirror", "-d", store, "-k", key, "--to", offsite, "--to-key-file", offsiteKey);
            assertThat(mirror.code).as(mirror.err).isZero();
            assertThat(mirror.out).contains("Mirrored 1 snapshot(s), 0 already there").contains("re-keyed");
            Path fromCopy = dir.resolve("from-copy.raw");
            assertThat(run("restore", "-d", offsite, "-k", offsiteKey, id.toString(), "--to", fromCopy.toString(), "--format", "raw").code)
                    .isZero();
            assertThat(TestVm.sha256OfImage(fromCopy, "raw")).isEqualTo(expected);
            assertThat(run("mirror", "-d", store, "-k", key, "--to", offsite, "--to-key-file", offsiteKey).out)
                    .contains("Mirrored 0 snapshot(s), 1 already there; sent 0 chunk(s)");
            assertThat(run("gc", "-d", store, "-k", key, "--dry-run").code).isZero();

            // restoring over an existing file is refused and changes nothing
            Result again = run("restore", "-d", store, "-k", key, id.toString(), "--to", restored.toString());
            assertThat(again.code).isEqualTo(ExitCodes.FAILED);
            assertThat(again.err).contains("already exists");
        }
    }

    @Test
    void theSameCommandsWorkOnS3GivenAsAUriAndOnFtpGivenAsAConfigFile() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start(); VsftpdServer ftp = VsftpdServer.start(VsftpdServer.Tls.NONE);
             TestVm vm = TestVm.create(32 * MIB)) {
            Path secret = dir.resolve("s3-secret");
            Files.writeString(secret, s3.secretKey() + "\n");
            String s3Uri = "s3://" + s3.accessKey() + "@" + S3ProxyServer.BUCKET + "/cli?region=" + S3ProxyServer.REGION
                    + "&endpoint=" + s3.endpoint() + "&path-style=true";
            Path ftpConfig = dir.resolve("ftp.properties");
            Files.writeString(ftpConfig, """
                    type=ftp
                    host=127.0.0.1
                    port=%d
                    username=%s
                    password=%s
                    security=none
                    folder=data/cli
                    """.formatted(ftp.port(), VsftpdServer.USER, ftp.password()));
            vm.writePattern(0x5c, 0, 6 * MIB).start();
            String expected = vm.sha256();
            List<List<String>> remotes = List.of(List.of("-d", s3Uri, "--password-file", secret.toString()),
                    List.of("--remote-config", ftpConfig.toString()));
            for (List<String> remote : remotes) {
                assertThat(run(args("init", remote)).code).as(remote.toString()).isZero();
                Result backup = run(args("backup", remote, vm.name()));
                assertThat(backup.code).as(backup.err).isZero();
                assertThat(run(args("verify", remote)).out).contains("all good");
                Result list = run(args("list", remote));
                String id = list.out.lines().filter(l -> l.contains(vm.name())).findFirst().orElseThrow().strip().split("\\s+")[0];
                Path restored = dir.resolve("restored-" + remotes.indexOf(remote) + ".raw");
                Result restore = run(args("restore", remote, id, "--to", restored.toString(), "--format", "raw"));
                assertThat(restore.code).as(restore.err).isZero();
                assertThat(TestVm.sha256OfImage(restored, "raw")).isEqualTo(expected);
                assertThat(run(args("gc", remote)).code).isZero();
            }
            Files.writeString(secret, "wrong\n");
            Result wrong = run(args("list", remotes.getFirst()));
            assertThat(wrong.code).isNotZero();
            assertThat(wrong.err).contains("refused the access key or secret").doesNotContain("Exception");
        }
    }

    private static String[] args(String command, List<String> remote, String... more) {
        List<String> all = new java.util.ArrayList<>();
        all.add(command);
        all.addAll(remote);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
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
