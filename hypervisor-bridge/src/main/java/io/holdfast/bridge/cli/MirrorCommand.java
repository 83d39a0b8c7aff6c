package io.holdfast.bridge.cli;

import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.DatastoreKey;
import io.holdfast.bridge.datastore.SnapshotId;
import io.holdfast.bridge.mirror.MirrorEngine;
import io.holdfast.bridge.mirror.MirrorReport;
import io.holdfast.bridge.mirror.MirrorRequest;
import io.holdfast.bridge.remote.LocalRemote;
import io.holdfast.bridge.remote.Remote;
import io.holdfast.bridge.remote.Remotes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

@Command(name = "mirror", mixinStandardHelpOptions = true,
        description = "Copy snapshots to another datastore (created on first use): only the chunks it lacks, each checked, "
                + "re-keyed when its key differs; a copy appears there only when complete. Exit code 3 when a snapshot was "
                + "refused (e.g. a corrupt chunk at the source).")
final class MirrorCommand implements Callable<Integer> {

    @Mixin
    DatastoreOptions source = new DatastoreOptions();

    @Option(names = "--to", paramLabel = "PATH", description = "The destination datastore: a local folder.")
    Path toFolder;

    @Option(names = "--to-remote-config", paramLabel = "FILE",
            description = "The destination's remote as a properties file (as --remote-config). Instead of --to.")
    Path toRemoteConfig;

    @Option(names = "--to-key-file", paramLabel = "FILE",
            description = "The destination's key, for an encrypted destination (used to create one that does not exist yet).")
    Path toKeyFile;

    @Option(names = "--instance", paramLabel = "UUID", description = "Only this instance's snapshots.")
    String instance;

    @Option(names = "--last", paramLabel = "N", description = "Only the newest N snapshots of each instance.")
    Integer last;

    @Override
    public Integer call() {
        if ((toFolder == null) == (toRemoteConfig == null)) {
            throw new CliException(ExitCodes.USAGE, "give the destination with either --to or --to-remote-config");
        }
        if (last != null && last < 1) {
            throw new CliException(ExitCodes.USAGE, "--last must be at least 1");
        }
        Datastore from = source.open();
        Remote toRemote = toFolder != null ? new LocalRemote(toFolder)
                : Remotes.open(KnownServers.forThisUser().pin(RemoteSpec.fromFile(toRemoteConfig), System.err));
        DatastoreKey toKey = null;
        if (toKeyFile != null) {
            if (!Files.isReadable(toKeyFile)) {
                throw new CliException(ExitCodes.USAGE, "cannot read the key file " + toKeyFile);
            }
            toKey = DatastoreKey.read(toKeyFile);
        }
        Datastore to = Datastore.openOrCreate(toRemote, toKey);
        List<SnapshotId> chosen = new ArrayList<>();
        List<SnapshotId> all = instance == null ? from.snapshots() : from.snapshots(instance);
        java.util.Map<String, List<SnapshotId>> perInstance = new java.util.LinkedHashMap<>();
        all.forEach(id -> perInstance.computeIfAbsent(id.instanceUuid(), k -> new ArrayList<>()).add(id));
        perInstance.values().forEach(ids -> chosen.addAll(last == null ? ids : ids.subList(Math.max(0, ids.size() - last), ids.size())));
        ConsoleProgress progress = new ConsoleProgress();
        MirrorReport r = new MirrorEngine(from, to).mirror(new MirrorRequest(chosen, Set.of(), "cli-mirror-" + UUID.randomUUID()),
                progress, BridgeCli.CANCEL);
        progress.done();
        double seconds = Math.max(r.duration().toMillis(), 1) / 1000.0;
        System.out.printf(Locale.ROOT, "Mirrored %d snapshot(s), %d already there; sent %d chunk(s), %s (%.1f MB/s)%s; %d chunk(s) "
                        + "found at the destination; %.1f s%n", r.mirrored().size(), r.alreadyThere().size(), r.chunksSent(),
                ConsoleProgress.size(r.bytesSent()), r.bytesSent() / 1e6 / seconds, r.rekeyed() ? ", re-keyed" : "", r.chunksFound(),
                seconds);
        r.refused().forEach((id, why) -> System.out.println("snapshot " + id + " " + why));
        return r.ok() ? ExitCodes.OK : ExitCodes.DATASTORE;
    }
}
