package io.holdfast.bridge.datastore;

import io.holdfast.bridge.remote.MeteredRemote;
import io.holdfast.bridge.remote.RemoteConfig;
import io.holdfast.bridge.remote.Remotes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether a chunk exists: asked of the remote, except in a datastore this process has just created. */
class DatastoreChunksTest {

    @TempDir
    Path folder;

    @Test
    void aDatastoreCreatedHereHoldsNoChunkButItsOwnAndAsksNothing() {
        byte[] block = "some block".getBytes();
        Digest digest;
        try (MeteredRemote remote = new MeteredRemote(Remotes.open(new RemoteConfig.Local(folder)))) {
            Datastore created = Datastore.create(remote, null);
            digest = created.codec().digest(block, block.length);
            long before = remote.metrics().operations();
            assertThat(created.hasChunk(digest)).isFalse();
            assertThat(remote.metrics().operations()).isEqualTo(before);
            created.putChunk(digest, created.codec().encode(block, block.length));
        }
        try (MeteredRemote remote = new MeteredRemote(Remotes.open(new RemoteConfig.Local(folder)))) {
            Datastore opened = Datastore.open(remote, null);
            long before = remote.metrics().operations();
            assertThat(opened.hasChunk(digest)).isTrue();
            assertThat(opened.hasChunk(opened.codec().digest(new byte[]{1}, 1))).isFalse();
            assertThat(remote.metrics().operations() - before).as("stat, touch, stat").isEqualTo(3);
        }
    }
}
