package io.holdfast.bridge.remote;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class LocalRemoteContractTest extends RemoteContract {

    @TempDir
    Path dir;

    @Override
    Remote remote() {
        return new LocalRemote(dir);
    }
}
