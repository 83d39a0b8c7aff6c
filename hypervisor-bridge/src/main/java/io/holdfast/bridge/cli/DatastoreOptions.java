package io.holdfast.bridge.cli;

import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.DatastoreKey;
import io.holdfast.bridge.remote.LocalRemote;
import io.holdfast.bridge.remote.RemoteConfig;
import io.holdfast.bridge.remote.Remotes;
import io.holdfast.bridge.remote.Remote;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the datastore is and its key: shared by every command. Secrets come from files, never arguments. */
final class DatastoreOptions {

    @Option(names = {"-d", "--datastore"}, required = true, paramLabel = "PATH|URI",
            description = "The datastore: a folder, file:///folder, or sftp://user@host[:port]/folder.")
    String datastore;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "The remote's password (first line). Or set HOLDFAST_REMOTE_PASSWORD. Never on the command line.")
    Path passwordFile;

    @Option(names = "--identity", paramLabel = "FILE", description = "An SSH private key for sftp:// instead of a password.")
    Path identity;

    @Option(names = {"-k", "--key-file"}, paramLabel = "FILE",
            description = "The datastore's key (base64, 32 bytes), for an encrypted datastore.")
    Path keyFile;

    Remote remote() {
        if (datastore.contains("://")) {
            URI uri;
            try {
                uri = URI.create(datastore);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, "invalid datastore URI: " + e.getMessage());
            }
            return switch (uri.getScheme()) {
                case "file" -> new LocalRemote(Path.of(uri.getPath()));
                case "sftp" -> Remotes.open(new RemoteConfig.Sftp(uri.getHost(), uri.getPort() < 0 ? 22 : uri.getPort(),
                        uri.getUserInfo(), identity == null ? password() : null, identity, null,
                        uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "")));
                default -> throw new CliException(ExitCodes.USAGE, "unsupported datastore URI scheme '" + uri.getScheme()
                        + "' (file:// and sftp:// so far)");
            };
        }
        return new LocalRemote(Path.of(datastore));
    }

    private String password() {
        if (passwordFile != null) {
            try {
                return Files.readAllLines(passwordFile).stream().findFirst().orElse("");
            } catch (java.io.IOException e) {
                throw new CliException(ExitCodes.USAGE, "cannot read the password file " + passwordFile);
            }
        }
        String env = System.getenv("HOLDFAST_REMOTE_PASSWORD");
        if (env == null || env.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "give the remote's password with --password-file or HOLDFAST_REMOTE_PASSWORD");
        }
        return env;
    }

    DatastoreKey key() {
        if (keyFile == null) {
            return null;
        }
        if (!Files.isReadable(keyFile)) {
            throw new CliException(ExitCodes.USAGE, "cannot read the key file " + keyFile);
        }
        return DatastoreKey.read(keyFile);
    }

    Datastore open() {
        return Datastore.open(remote(), key());
    }

    Datastore openOrCreate() {
        return Datastore.openOrCreate(remote(), key());
    }
}
