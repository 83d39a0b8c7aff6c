package io.holdfast.bridge.remote;

import io.holdfast.bridge.testing.OpenSshServer;

/** The backup scenarios on Debian's OpenSSH sftp (chrooted sftp-only user, loopback). */
class SftpBackupIT extends RemoteBackupScenarios {

    @Override
    TestServer startServer() {
        OpenSshServer server = OpenSshServer.start();
        return new TestServer(server, folder -> SftpRemoteIT.configFor(server, folder));
    }
}
