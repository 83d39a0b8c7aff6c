package io.holdfast.bridge.datastore;

import io.holdfast.bridge.remote.MeteredRemote;
import io.holdfast.bridge.remote.RemoteConfig;
import io.holdfast.bridge.remote.Remotes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether a chunk exists is asked of the remote; only the first backup into a datastore this process has
 * just created may skip asking (DatastoreIntegrityIT backs a clone up after such a first backup, and
 * RemoteBackupScenarios run full and incremental backups into new datastores on every remote).
 */
class DatastoreChunksTest {

    @TempDir
    Path folder;

    @Test
    void onlyTheFirstBackupIntoADatastoreCreatedHereMaySkipAsking() {
        byte[] block = "some block".getBytes();
        Digest digest;
        try (MeteredRemote remote = new MeteredRemote(Remotes.open(new RemoteConfig.Local(folder)))) {
            Datastore created = Datastore.create(remote, null);
            assertThat(created.claimNewlyCreated()).isTrue();
            assertThat(created.claimNewlyCreated()).as("claimed once").isFalse();
            digest = created.codec().digest(block, block.length);
            created.putChunk(digest, created.codec().encode(block, block.length));
            assertThat(created.hasChunk(digest)).isTrue();
        }
        try (MeteredRemote remote = new MeteredRemote(Remotes.open(new RemoteConfig.Local(folder)))) {
            Datastore opened = Datastore.open(remote, null);
            assertThat(opened.claimNewlyCreated()).isFalse();
            long before = remote.metrics().operations();
            assertThat(opened.hasChunk(digest)).isTrue();
            assertThat(opened.hasChunk(opened.codec().digest(new byte[]{1}, 1))).isFalse();
            assertThat(remote.metrics().operations() - before).as("stat, touch, stat").isEqualTo(3);
        }
    }
}
