package io.holdfast.bridge.cli;

import io.holdfast.bridge.restore.RestoreEngine;
import io.holdfast.bridge.restore.RestoreResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true, description = "Export a snapshot's disk as a standalone qcow2 file.")
final class ExportCommand implements Callable<Integer> {

    @Mixin
    DatastoreOptions store = new DatastoreOptions();

    @Parameters(paramLabel = "SNAPSHOT")
    String snapshot;

    @Option(names = "--disk", defaultValue = "vda")
    String disk;

    @Option(names = "--to", required = true, paramLabel = "FILE.qcow2")
    Path to;

    @Override
    public Integer call() {
        ConsoleProgress progress = new ConsoleProgress();
        RestoreResult r = new RestoreEngine(store.open()).restoreToImage(RestoreCommand.parse(snapshot), disk, to, "qcow2",
                progress, BridgeCli.CANCEL);
        progress.done();
        System.out.printf("Exported to %s (%s of data)%n", r.image(), ConsoleProgress.size(r.bytesWritten()));
        return ExitCodes.OK;
    }
}
