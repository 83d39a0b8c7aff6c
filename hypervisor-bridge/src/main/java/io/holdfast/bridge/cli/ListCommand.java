package io.holdfast.bridge.cli;

import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.Manifest;
import io.holdfast.bridge.datastore.SnapshotId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the snapshots in a datastore.")
final class ListCommand implements Callable<Integer> {

    @Mixin
    DatastoreOptions store = new DatastoreOptions();

    @Option(names = "--instance", paramLabel = "UUID", description = "Only this instance's snapshots.")
    String instance;

    @Override
    public Integer call() {
        Datastore ds = store.open();
        List<SnapshotId> ids = instance == null ? ds.snapshots() : ds.snapshots(instance);
        System.out.printf("%-66s %-24s %-12s %s%n", "SNAPSHOT", "INSTANCE", "TYPE", "DISKS");
        for (SnapshotId id : ids) {
            Manifest m = ds.manifest(id);
            StringBuilder disks = new StringBuilder();
            for (Manifest.DiskEntry d : m.disks()) {
                disks.append(d.name()).append(' ').append(ConsoleProgress.size(d.sizeBytes())).append("  ");
            }
            System.out.printf("%-66s %-24s %-12s %s%n", id, m.instanceName(), m.type(), disks.toString().strip());
        }
        return ExitCodes.OK;
    }
}
