package io.holdfast.bridge.cli;

import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.DatastoreKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.util.concurrent.Callable;

@Command(name = "init", mixinStandardHelpOptions = true, description = "Create a new, empty datastore.")
final class InitCommand implements Callable<Integer> {

    @Mixin
    DatastoreOptions store = new DatastoreOptions();

    @Option(names = "--encrypt", description = "Encrypt the datastore; a new key is written to --key-file (which must not exist).")
    boolean encrypt;

    @Override
    public Integer call() {
        DatastoreKey key = null;
        if (encrypt) {
            if (store.keyFile == null) {
                throw new CliException(ExitCodes.USAGE, "--encrypt needs --key-file FILE to write the new key to");
            }
            if (Files.exists(store.keyFile)) {
                throw new CliException(ExitCodes.USAGE, store.keyFile + " exists; --encrypt writes a new key and never overwrites one");
            }
            key = DatastoreKey.generateInto(store.keyFile);
        }
        Datastore ds = Datastore.create(store.remote(), key);
        System.out.println("Created datastore " + ds.config().id() + " at " + ds.remote().describe()
                + (key == null ? "" : " (encrypted; key fingerprint " + key.fingerprint() + ", keep " + store.keyFile + " safe)"));
        return ExitCodes.OK;
    }
}
