package io.holdfast.bridge.cli;

import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.DatastoreKey;
import io.holdfast.bridge.remote.LocalRemote;
import io.holdfast.bridge.remote.Remote;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the datastore is and its key: shared by every command. Secrets come from files, never arguments. */
final class DatastoreOptions {

    @Option(names = {"-d", "--datastore"}, required = true, paramLabel = "PATH|URI",
            description = "The datastore: a folder, or file:///folder.")
    String datastore;

    @Option(names = {"-k", "--key-file"}, paramLabel = "FILE",
            description = "The datastore's key (base64, 32 bytes), for an encrypted datastore.")
    Path keyFile;

    Remote remote() {
        if (datastore.contains("://")) {
            URI uri = URI.create(datastore);
            if (!"file".equals(uri.getScheme())) {
                throw new CliException(ExitCodes.USAGE, "unsupported datastore URI scheme '" + uri.getScheme()
                        + "' (this version knows file://)");
            }
            return new LocalRemote(Path.of(uri.getPath()));
        }
        return new LocalRemote(Path.of(datastore));
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
