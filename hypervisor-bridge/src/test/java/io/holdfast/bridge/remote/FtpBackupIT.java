package io.holdfast.bridge.remote;

import io.holdfast.bridge.testing.VsftpdServer;

/** The backup scenarios on Debian's vsftpd (plain FTP, passive mode, loopback). */
class FtpBackupIT extends RemoteBackupScenarios {

    @Override
    TestServer startServer() {
        VsftpdServer server = VsftpdServer.start(VsftpdServer.Tls.NONE);
        return new TestServer(server, folder -> FtpRemoteIT.configFor(server, server.password(), folder));
    }
}
