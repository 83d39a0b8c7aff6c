package io.holdfast.bridge.remote;

import io.holdfast.bridge.testing.S3ProxyServer;

/** The backup scenarios on a real S3 server (s3proxy, filesystem backend, loopback, path-style addressing). */
class S3BackupIT extends RemoteBackupScenarios {

    @Override
    TestServer startServer() {
        S3ProxyServer server = S3ProxyServer.start();
        return new TestServer() {
            @Override
            public RemoteConfig config(String folder) {
                return S3RemoteIT.configFor(server, folder);
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
