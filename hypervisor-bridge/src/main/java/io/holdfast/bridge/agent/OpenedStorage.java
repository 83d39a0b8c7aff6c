package io.holdfast.bridge.agent;

import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.DatastoreKey;
import io.holdfast.bridge.progress.Steps;
import io.holdfast.bridge.remote.LimitedRemote;
import io.holdfast.bridge.remote.MeteredRemote;
import io.holdfast.bridge.remote.Remote;
import io.holdfast.bridge.remote.RemoteConfig;
import io.holdfast.bridge.remote.Remotes;

import java.nio.file.Path;

/**
 * A storage opened on this hypervisor for one job: an SFTP private key stays in memory (JSch takes it as
 * bytes), the bandwidth limit wraps the remote, and everything is closed at the end. Nothing of the storage's
 * configuration or secrets is written to this hypervisor's disk.
 */
final class OpenedStorage implements AutoCloseable {

    private final RemoteConfig config;
    private Remote remote;
    private MeteredRemote metered;
    private Datastore datastore;

    private OpenedStorage(RemoteConfig config) {
        this.config = config;
    }

    /** The configuration only (with a key file when needed), for the probe, which opens its own remote. */
    static OpenedStorage remoteOnly(StorageAccess access, Path workDir) {
        return prepare(access, workDir);
    }

    /** The datastore; {@code create} makes it on first use (a backup), otherwise it must exist. */
    static OpenedStorage datastore(StorageAccess access, Path workDir, boolean create) {
        OpenedStorage opened = prepare(access, workDir);
        try {
            Remote remote = Remotes.open(opened.config);
            opened.metered = new MeteredRemote(access.bandwidthBytesPerSecond() > 0
                    ? new LimitedRemote(remote, Math.max(1, Math.max(remote.transfersInFlight(), remote.readsInFlight())),
                    access.bandwidthBytesPerSecond())
                    : remote);
            opened.remote = opened.metered;
            DatastoreKey key = access.datastoreKey() == null ? null : DatastoreKey.fromText(access.datastoreKey());
            opened.datastore = create ? Datastore.openOrCreate(opened.remote, key) : Datastore.open(opened.remote, key);
            return opened;
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /** An SFTP private key goes into the remote's configuration as text: JSch reads it from memory, never from a file. */
    private static OpenedStorage prepare(StorageAccess access, Path workDir) {
        if (access.sftpPrivateKey() == null || !(access.remote() instanceof RemoteConfig.Sftp sftp)) {
            return new OpenedStorage(access.remote());
        }
        return new OpenedStorage(sftp.withPrivateKeyText(access.sftpPrivateKey()));
    }

    RemoteConfig config() {
        return config;
    }

    Datastore datastore() {
        return datastore;
    }

    @Override
    public void close() {
        if (metered != null) {
            MeteredRemote.Metrics m = metered.metrics();
            Steps.report(String.format(java.util.Locale.ROOT, "%s: %d requests, %.1f MB written, %.1f MB read, %d failed, slowest %d ms",
                    config.describe(), m.operations(), m.bytesWritten() / 1e6, m.bytesRead() / 1e6, m.errors(), m.maxLatencyMillis()));
        }
        if (remote != null) {
            try {
                remote.close();
            } catch (Exception ignored) {
                // a remote that fails to close has nothing left to lose
            }
        }
    }
}
