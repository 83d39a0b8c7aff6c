package io.holdfast.bridge.agent;

import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.DatastoreKey;
import io.holdfast.bridge.progress.Steps;
import io.holdfast.bridge.remote.LimitedRemote;
import io.holdfast.bridge.remote.MeteredRemote;
import io.holdfast.bridge.remote.Remote;
import io.holdfast.bridge.remote.RemoteConfig;
import io.holdfast.bridge.remote.Remotes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * A storage opened on this hypervisor for one job: an SFTP private key is written to a file only its owner
 * may read for as long as the job runs (JSch reads keys from files), the bandwidth limit wraps the remote,
 * and everything is closed and removed at the end.
 */
final class OpenedStorage implements AutoCloseable {

    private final RemoteConfig config;
    private final Path keyFile;
    private Remote remote;
    private MeteredRemote metered;
    private Datastore datastore;

    private OpenedStorage(RemoteConfig config, Path keyFile) {
        this.config = config;
        this.keyFile = keyFile;
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
                    ? new LimitedRemote(remote, Math.max(1, remote.transfersInFlight()), access.bandwidthBytesPerSecond())
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

    private static OpenedStorage prepare(StorageAccess access, Path workDir) {
        if (access.sftpPrivateKey() == null || !(access.remote() instanceof RemoteConfig.Sftp sftp)) {
            return new OpenedStorage(access.remote(), null);
        }
        try {
            Path keys = Files.createDirectories(workDir.resolve("keys"));
            Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwx------"));
            Path file = keys.resolve(UUID.randomUUID().toString());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, access.sftpPrivateKey().strip() + "\n", StandardCharsets.US_ASCII);
            RemoteConfig.Sftp withKey = new RemoteConfig.Sftp(sftp.host(), sftp.port(), sftp.username(), sftp.password(),
                    file, sftp.hostKeyFingerprint(), sftp.folder());
            return new OpenedStorage(withKey, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the SFTP key file under " + workDir, e);
        }
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
        if (keyFile != null) {
            try {
                Files.deleteIfExists(keyFile);
            } catch (IOException ignored) {
                // the folder is readable by its owner only
            }
        }
    }
}
