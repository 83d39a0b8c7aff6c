package io.holdfast.bridge.restore;

import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.SnapshotId;
import io.holdfast.bridge.progress.Cancellation;
import io.holdfast.bridge.progress.ProgressListener;
import io.holdfast.bridge.remote.RemoteConfig;
import io.holdfast.bridge.remote.Remotes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where a restore may write: only a new, real file. */
class RestoreTargetTest {

    /** Hardening: {@code restore --to} followed a dangling symbolic link and wrote through it. */
    @Test
    void aDanglingSymbolicLinkIsRefusedAndNothingIsWrittenWhereItPoints(@TempDir Path dir) throws Exception {
        Datastore datastore = Datastore.create(Remotes.open(new RemoteConfig.Local(dir.resolve("ds"))), null);
        Path victim = dir.resolve("victim.img");
        Path link = Files.createSymbolicLink(dir.resolve("restored.img"), victim);

        assertThatThrownBy(() -> new RestoreEngine(datastore).restoreToImage(SnapshotId.of(UUID.randomUUID().toString(), Instant.now()),
                "vda", link, "raw", ProgressListener.NONE, Cancellation.none()))
                .isInstanceOf(RestoreException.class).hasMessageContaining("symbolic link");
        assertThat(victim).doesNotExist();
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void anExistingFileIsNeverOverwritten(@TempDir Path dir) throws Exception {
        Datastore datastore = Datastore.create(Remotes.open(new RemoteConfig.Local(dir.resolve("ds"))), null);
        Path existing = Files.writeString(dir.resolve("disk.img"), "keep me");

        assertThatThrownBy(() -> new RestoreEngine(datastore).restoreToImage(SnapshotId.of(UUID.randomUUID().toString(), Instant.now()),
                "vda", existing, "raw", ProgressListener.NONE, Cancellation.none()))
                .isInstanceOf(RestoreException.class).hasMessageContaining("already exists");
        assertThat(Files.readString(existing)).isEqualTo("keep me");
    }
}
