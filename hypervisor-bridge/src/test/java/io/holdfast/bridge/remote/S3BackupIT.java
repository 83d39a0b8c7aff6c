package io.holdfast.bridge.remote;

import io.holdfast.bridge.testing.S3ProxyServer;

/** The backup scenarios on a real S3 server (s3proxy, filesystem backend, loopback, path-style addressing). */
class S3BackupIT extends RemoteBackupScenarios {

    @Override
    TestServer startServer() {
        S3ProxyServer server = S3ProxyServer.start();
        return new TestServer(server, folder -> S3RemoteIT.configFor(server, folder));
    }
}
