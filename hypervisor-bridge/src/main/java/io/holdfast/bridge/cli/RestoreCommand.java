package io.holdfast.bridge.cli;

import io.holdfast.bridge.datastore.SnapshotId;
import io.holdfast.bridge.restore.RestoreEngine;
import io.holdfast.bridge.restore.RestoreResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a snapshot's disk into a new image, or in place into a stopped domain (the current image is kept).")
final class RestoreCommand implements Callable<Integer> {

    @Mixin
    DatastoreOptions store = new DatastoreOptions();

    @Parameters(paramLabel = "SNAPSHOT", description = "INSTANCE-UUID/TIME, as `list` shows it.")
    String snapshot;

    @Option(names = "--disk", defaultValue = "vda", description = "The disk to restore (default ${DEFAULT-VALUE}).")
    String disk;

    @ArgGroup(multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--to", paramLabel = "FILE", description = "A new image file (must not exist).")
        Path to;

        @Option(names = "--in-place", paramLabel = "DOMAIN", description = "Replace the disk of this stopped domain.")
        String domain;

        @Option(names = "--rollback", paramLabel = "DOMAIN",
                description = "Roll this stopped domain's disk back, writing only the blocks that differ.")
        String rollback;
    }

    @Option(names = "--format", defaultValue = "qcow2", description = "Image format for --to: qcow2 or raw (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--connect", paramLabel = "URI", defaultValue = "qemu:///system", description = "libvirt URI.")
    String uri;

    @Override
    public Integer call() {
        SnapshotId id = parse(snapshot);
        RestoreEngine engine = new RestoreEngine(store.open());
        ConsoleProgress progress = new ConsoleProgress();
        RestoreResult r;
        if (target.to != null) {
            r = engine.restoreToImage(id, disk, target.to, format, progress, BridgeCli.CANCEL);
        } else if (target.domain != null) {
            r = engine.restoreInPlace(uri, target.domain, id, disk, progress, BridgeCli.CANCEL);
        } else {
            r = engine.rollbackInPlace(uri, target.rollback, id, disk, progress, BridgeCli.CANCEL);
        }
        progress.done();
        System.out.printf("Restored %s (%s written) into %s in %.1f s%n", id, ConsoleProgress.size(r.bytesWritten()), r.image(),
                r.duration().toMillis() / 1000.0);
        if (r.previousImage() != null) {
            System.out.println("The previous image is kept at " + r.previousImage() + "; delete it once the VM runs well.");
        }
        return ExitCodes.OK;
    }

    static SnapshotId parse(String text) {
        try {
            return SnapshotId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }
}
