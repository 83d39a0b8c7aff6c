package io.holdfast.bridge.cli;

import io.holdfast.bridge.backup.BackupEngine;
import io.holdfast.bridge.backup.BackupRequest;
import io.holdfast.bridge.backup.BackupResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up a libvirt domain (running or stopped). Incremental when the last checkpoint is usable.")
final class BackupCommand implements Callable<Integer> {

    @Mixin
    DatastoreOptions store = new DatastoreOptions();

    @Parameters(paramLabel = "DOMAIN", description = "Domain name or UUID.")
    String domain;

    @Option(names = "--disk", paramLabel = "TARGET", description = "Only this disk (e.g. vda); repeatable. Default: all.")
    List<String> disks = new ArrayList<>();

    @Option(names = "--full", description = "Read every allocated block even if a dirty bitmap could be used.")
    boolean full;

    @Option(names = "--init", description = "Create the datastore if it does not exist.")
    boolean init;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Folder for per-job NBD sockets (default ${DEFAULT-VALUE}).")
    Path workDir = BackupRequest.DEFAULT_WORK_DIR;

    @Option(names = "--connect", paramLabel = "URI", description = "libvirt URI (default ${DEFAULT-VALUE}).")
    String uri = "qemu:///system";

    @Override
    public Integer call() {
        var datastore = init ? store.openOrCreate() : store.open();
        ConsoleProgress progress = new ConsoleProgress();
        BackupResult r = new BackupEngine(datastore).backup(
                new BackupRequest(domain, disks, full, null, workDir, uri), progress, BridgeCli.CANCEL);
        progress.done();
        System.out.printf("Snapshot %s (%s): read %s, stored %s new (%d new chunks, %d reused unread, %d zero), %.1f s%n",
                r.snapshot(), r.type(), ConsoleProgress.size(r.bytesRead()), ConsoleProgress.size(r.bytesStored()),
                r.chunksNew(), r.chunksReused(), r.chunksZero(), r.duration().toMillis() / 1000.0);
        r.notes().forEach(n -> System.out.println("note: " + n));
        return ExitCodes.OK;
    }
}
