package io.holdfast.bridge.remote;

import io.holdfast.bridge.testing.VsftpdServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The remote contract against vsftpd serving FTPS (explicit TLS, self-signed certificate pinned by its
 * fingerprint, plain logins refused), plus certificate pinning and implicit TLS.
 */
class FtpsRemoteIT extends RemoteContract {

    static VsftpdServer server;
    static String fingerprint;

    @BeforeAll
    static void startServer() {
        server = VsftpdServer.start(VsftpdServer.Tls.EXPLICIT);
        fingerprint = Remotes.ftpsCertificateFingerprint(FtpRemoteIT.configFor(server, server.password(), "data"));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static RemoteConfig.Ftp pinned(VsftpdServer s, String pin, String folder) {
        RemoteConfig.Ftp c = FtpRemoteIT.configFor(s, s.password(), folder);
        return new RemoteConfig.Ftp(c.host(), c.port(), c.username(), c.password(), c.security(), pin, c.folder());
    }

    @Override
    Remote remote() {
        return Remotes.openBare(pinned(server, fingerprint, VsftpdServer.FOLDER + "/" + UUID.randomUUID()));
    }

    @Test
    void aSelfSignedCertificateIsRefusedUnlessPinnedAndAChangedOneIsRefusedWithoutRetries() {
        assertThat(fingerprint).startsWith("SHA256:");
        assertThatThrownBy(() -> Remotes.openBare(FtpRemoteIT.configFor(server, server.password(), "data/unpinned")))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("ftps://");

        RemoteConfig.Ftp other = pinned(server, "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "data/pinned");
        refusedAtOnceWithoutRetries(other, "host key changed");
    }

    @Test
    void aWrongPasswordOverTlsFailsAtOnceWithoutRetries() {
        RemoteConfig.Ftp good = pinned(server, fingerprint, "data/wrong");
        RemoteConfig.Ftp wrong = new RemoteConfig.Ftp(good.host(), good.port(), good.username(), "wrong-password",
                good.security(), good.certificateFingerprint(), good.folder());
        refusedAtOnceWithoutRetries(wrong, "refused the user name or password");
    }

    @Test
    void plainFtpIsRefusedByThisServer() {
        RemoteConfig.Ftp plain = new RemoteConfig.Ftp("127.0.0.1", server.port(), VsftpdServer.USER, server.password(),
                RemoteConfig.FtpSecurity.NONE, null, "data/plain");
        assertThatThrownBy(() -> Remotes.openBare(plain))
                .isInstanceOf(RemoteException.class)
                .satisfies(e -> assertThat(((RemoteException) e).permanent()).isTrue());
    }

    @Test
    void theProbeReportsTheCertificateFingerprintToPin() {
        RemoteProbe.Result ok = RemoteProbe.probe(pinned(server, fingerprint, "data/probe"));
        assertThat(ok.ok()).as(ok.message()).isTrue();
        assertThat(ok.serverFingerprint()).isEqualTo(fingerprint);
    }

    @Test
    void implicitTlsWorksToo() {
        try (VsftpdServer implicit = VsftpdServer.start(VsftpdServer.Tls.IMPLICIT)) {
            String pin = Remotes.ftpsCertificateFingerprint(FtpRemoteIT.configFor(implicit, implicit.password(), "data"));
            try (Remote r = Remotes.open(pinned(implicit, pin, "data/implicit"))) {
                r.put("a/b", new byte[]{1, 2, 3});
                assertThat(r.get("a/b")).containsExactly(1, 2, 3);
                assertThat(r.list("a")).extracting(RemoteEntry::name).containsExactly("b");
            }
        }
    }
}
