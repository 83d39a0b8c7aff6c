package io.holdfast.bridge.remote;

import io.holdfast.bridge.testing.OpenSshServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The remote contract against Debian's OpenSSH sftp (chrooted sftp-only user), plus its failure modes. */
class SftpRemoteIT extends RemoteContract {

    static OpenSshServer server;

    @BeforeAll
    static void startServer() {
        server = OpenSshServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static RemoteConfig.Sftp config(String password, String folder) {
        return new RemoteConfig.Sftp("127.0.0.1", server.port(), OpenSshServer.USER, password, null, null, folder);
    }

    static RemoteConfig.Sftp configFor(OpenSshServer s, String folder) {
        return new RemoteConfig.Sftp("127.0.0.1", s.port(), OpenSshServer.USER, s.password(), null, null, folder);
    }

    @Override
    Remote remote() {
        return Remotes.openBare(config(server.password(), OpenSshServer.FOLDER + "/" + UUID.randomUUID()));
    }

    @Test
    void aPrivateKeyHeldInMemoryLogsInWithoutAFile() throws Exception {
        RemoteConfig.Sftp withKey = new RemoteConfig.Sftp("127.0.0.1", server.port(), OpenSshServer.USER, null, null, null,
                OpenSshServer.FOLDER + "/" + UUID.randomUUID()).withPrivateKeyText(server.clientPrivateKey());
        assertThat(withKey.validate().toString()).doesNotContain("PRIVATE KEY");
        try (Remote remote = Remotes.open(withKey)) {
            remote.put("k", new byte[]{1, 2, 3});
            assertThat(remote.get("k")).containsExactly(1, 2, 3);
        }
        assertThat(RemoteProbe.probe(withKey).ok()).as("the probe logs in with the key too").isTrue();
        // another key (a fresh one the server does not know) is refused at once, as a wrong password is
        java.nio.file.Path other = java.nio.file.Files.createTempDirectory("hf-key").resolve("k");
        io.holdfast.bridge.testing.Commands.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString());
        refusedAtOnceWithoutRetries(withKey.withPrivateKeyText(java.nio.file.Files.readString(other)), "refused");
    }

    @Test
    void aWrongPasswordFailsAtOnceWithoutRetries() {
        long start = System.nanoTime();
        refusedAtOnceWithoutRetries(config("wrong-password", "data/x"), "refused the user name or password");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aFolderTheUserMayNotWriteIsAClearPermanentError() {
        assertThatThrownBy(() -> Remotes.openBare(config(server.password(), "not-writable")).put("a", new byte[1]))
                .isInstanceOf(RemoteException.class)
                .satisfies(e -> assertThat(((RemoteException) e).permanent()).isTrue());
    }

    @Test
    void anUnreachableServerIsTransient() {
        RemoteConfig.Sftp closed = new RemoteConfig.Sftp("127.0.0.1", 1, OpenSshServer.USER, "x", null, null, "data");
        assertThatThrownBy(() -> Remotes.openBare(closed))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("unreachable")
                .satisfies(e -> assertThat(((RemoteException) e).permanent()).isFalse());
    }

    @Test
    void theHostKeyIsPinnedOnFirstUseAndAChangedOneIsRefused() {
        String fingerprint = Remotes.sftpHostKeyFingerprint(config(server.password(), "data"));
        assertThat(fingerprint).startsWith("SHA256:");
        RemoteConfig.Sftp pinned = new RemoteConfig.Sftp("127.0.0.1", server.port(), OpenSshServer.USER, server.password(),
                null, fingerprint, "data/pinned");
        try (Remote r = Remotes.open(pinned)) {
            r.put("x", new byte[]{1});
        }
        RemoteConfig.Sftp other = new RemoteConfig.Sftp("127.0.0.1", server.port(), OpenSshServer.USER, server.password(),
                null, "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "data/pinned");
        refusedAtOnceWithoutRetries(other, "host key changed");
    }

    @Test
    void theProbeReportsFiguresOrOneSentence() {
        RemoteProbe.Result ok = RemoteProbe.probe(config(server.password(), "data/probe"));
        assertThat(ok.ok()).as(ok.message()).isTrue();
        assertThat(ok.writeMBps()).isPositive();
        assertThat(ok.readMBps()).isPositive();
        assertThat(ok.serverFingerprint()).startsWith("SHA256:");

        RemoteProbe.Result wrong = RemoteProbe.probe(config("nope", "data/probe"));
        assertThat(wrong.ok()).isFalse();
        assertThat(wrong.message()).contains("refused the user name or password");

        RemoteProbe.Result unreachable = RemoteProbe.probe(new RemoteConfig.Sftp("127.0.0.1", 1, "u", "p", null, null, "x"));
        assertThat(unreachable.ok()).isFalse();
        assertThat(unreachable.message()).contains("unreachable");

        RemoteProbe.Result notWritable = RemoteProbe.probe(config(server.password(), "readonly"));
        assertThat(notWritable.ok()).isFalse();
        assertThat(notWritable.message()).containsAnyOf("permission denied", "cannot");

        RemoteProbe.Result badPort = RemoteProbe.probe(new RemoteConfig.Sftp("127.0.0.1", 70000, "u", "p", null, null, "x"));
        assertThat(badPort.message()).isEqualTo("port: must be between 1 and 65535 (was 70000)");
    }
}
