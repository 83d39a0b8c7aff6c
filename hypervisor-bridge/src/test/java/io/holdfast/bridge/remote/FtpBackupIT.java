package io.holdfast.bridge.remote;

import io.holdfast.bridge.testing.VsftpdServer;

/** The backup scenarios on Debian's vsftpd (plain FTP, passive mode, loopback). */
class FtpBackupIT extends RemoteBackupScenarios {

    @Override
    TestServer startServer() {
        VsftpdServer server = VsftpdServer.start(VsftpdServer.Tls.NONE);
        return new TestServer() {
            @Override
            public RemoteConfig config(String folder) {
                return FtpRemoteIT.configFor(server, server.password(), folder);
            }

            @Override
            public void stop() {
                server.stop();
            }

            @Override
            public void launch() {
                server.launch();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
