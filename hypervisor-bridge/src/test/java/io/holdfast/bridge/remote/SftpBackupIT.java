package io.holdfast.bridge.remote;

import io.holdfast.bridge.testing.OpenSshServer;

/** The backup scenarios on Debian's OpenSSH sftp (chrooted sftp-only user, loopback). */
class SftpBackupIT extends RemoteBackupScenarios {

    @Override
    TestServer startServer() {
        OpenSshServer server = OpenSshServer.start();
        return new TestServer() {
            @Override
            public RemoteConfig config(String folder) {
                return SftpRemoteIT.configFor(server, folder);
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
