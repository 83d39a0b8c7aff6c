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

    @Option(names = {"-d", "--datastore"}, paramLabel = "PATH|URI",
            description = "The datastore: a folder, file:///folder, sftp://user@host[:port]/folder, ftp://…, "
                    + "ftps://…[?tls=implicit&fingerprint=…], s3://ACCESS_KEY@bucket/prefix?region=…&endpoint=…&path-style=true.")
    String datastore;

    @Option(names = "--remote-config", paramLabel = "FILE",
            description = "The datastore's remote as a properties file (type=local|sftp|ftp|s3 and its fields, secrets "
                    + "included; keep it readable by root only). Instead of --datastore.")
    Path remoteConfig;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "The remote's password or S3 secret key (first line). Or set HOLDFAST_REMOTE_PASSWORD. "
                    + "Never on the command line.")
    Path passwordFile;

    @Option(names = "--identity", paramLabel = "FILE", description = "An SSH private key for sftp:// instead of a password.")
    Path identity;

    @Option(names = {"-k", "--key-file"}, paramLabel = "FILE",
            description = "The datastore's key (base64, 32 bytes), for an encrypted datastore.")
    Path keyFile;

    Remote remote() {
        if ((datastore == null) == (remoteConfig == null)) {
            throw new CliException(ExitCodes.USAGE, "give the datastore with either --datastore or --remote-config");
        }
        RemoteConfig config;
        if (remoteConfig != null) {
            config = RemoteSpec.fromFile(remoteConfig);
        } else if (datastore.contains("://")) {
            URI uri;
            try {
                uri = URI.create(datastore);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, "invalid datastore URI: " + e.getMessage());
            }
            config = RemoteSpec.fromUri(uri, this::password, identity);
        } else {
            return new LocalRemote(Path.of(datastore));
        }
        return Remotes.open(KnownServers.forThisUser().pin(config, System.err));
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
