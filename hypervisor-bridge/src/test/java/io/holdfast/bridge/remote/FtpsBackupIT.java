package io.holdfast.bridge.remote;

import io.holdfast.bridge.testing.VsftpdServer;

/** The backup scenarios on Debian's vsftpd (FTPS, explicit TLS, the self-signed certificate pinned, loopback). */
class FtpsBackupIT extends RemoteBackupScenarios {

    @Override
    TestServer startServer() {
        VsftpdServer server = VsftpdServer.start(VsftpdServer.Tls.EXPLICIT);
        String pin = Remotes.ftpsCertificateFingerprint(FtpRemoteIT.configFor(server, server.password(), "data"));
        return new TestServer(server, folder -> FtpsRemoteIT.pinned(server, pin, folder));
    }
}
