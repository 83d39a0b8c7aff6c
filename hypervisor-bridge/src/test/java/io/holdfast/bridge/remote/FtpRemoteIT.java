package io.holdfast.bridge.remote;

import io.holdfast.bridge.testing.VsftpdServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The remote contract against Debian's vsftpd (plain FTP, passive mode), plus its failure modes. */
class FtpRemoteIT extends RemoteContract {

    static VsftpdServer server;

    @BeforeAll
    static void startServer() {
        server = VsftpdServer.start(VsftpdServer.Tls.NONE);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static RemoteConfig.Ftp configFor(VsftpdServer s, String password, String folder) {
        RemoteConfig.FtpSecurity security = switch (s.tls()) {
            case NONE -> RemoteConfig.FtpSecurity.NONE;
            case EXPLICIT -> RemoteConfig.FtpSecurity.EXPLICIT_TLS;
            case IMPLICIT -> RemoteConfig.FtpSecurity.IMPLICIT_TLS;
        };
        return new RemoteConfig.Ftp("127.0.0.1", s.port(), VsftpdServer.USER, password, security, null, folder);
    }

    @Override
    Remote remote() {
        return Remotes.openBare(configFor(server, server.password(), VsftpdServer.FOLDER + "/" + UUID.randomUUID()));
    }

    @Test
    void aWrongPasswordFailsAtOnceWithoutRetries() {
        long start = System.nanoTime();
        refusedAtOnceWithoutRetries(configFor(server, "wrong-password", "data/x"), "refused the user name or password");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aFolderTheUserMayNotWriteIsAClearPermanentError() {
        assertThatThrownBy(() -> {
            try (Remote r = Remotes.openBare(configFor(server, server.password(), "readonly"))) {
                r.put("a", new byte[1]);
            }
        })
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("permission denied")
                .satisfies(e -> assertThat(((RemoteException) e).permanent()).isTrue());
    }

    @Test
    void anUnreachableServerIsTransient() {
        RemoteConfig.Ftp closed = new RemoteConfig.Ftp("127.0.0.1", 1, "u", "p", RemoteConfig.FtpSecurity.NONE, null, "data");
        assertThatThrownBy(() -> Remotes.openBare(closed))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("unreachable")
                .satisfies(e -> assertThat(((RemoteException) e).permanent()).isFalse());
    }

    @Test
    void theProbeReportsFiguresOrOneSentence() {
        RemoteProbe.Result ok = RemoteProbe.probe(configFor(server, server.password(), "data/probe"));
        assertThat(ok.ok()).as(ok.message()).isTrue();
        assertThat(ok.writeMBps()).isPositive();
        assertThat(ok.readMBps()).isPositive();
        assertThat(ok.serverFingerprint()).isNull();

        RemoteProbe.Result wrong = RemoteProbe.probe(configFor(server, "nope", "data/probe"));
        assertThat(wrong.ok()).isFalse();
        assertThat(wrong.message()).contains("refused the user name or password");

        RemoteProbe.Result notWritable = RemoteProbe.probe(configFor(server, server.password(), "readonly"));
        assertThat(notWritable.ok()).isFalse();
        assertThat(notWritable.message()).contains("permission denied");
    }
}
