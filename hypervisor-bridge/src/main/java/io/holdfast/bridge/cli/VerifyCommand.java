package io.holdfast.bridge.cli;

import io.holdfast.bridge.datastore.SnapshotId;
import io.holdfast.bridge.maintenance.Verifier;
import io.holdfast.bridge.maintenance.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Re-read and check every chunk the snapshots use (all snapshots if none is named). Exit code 3 on damage.")
final class VerifyCommand implements Callable<Integer> {

    @Mixin
    DatastoreOptions store = new DatastoreOptions();

    @Parameters(paramLabel = "SNAPSHOT", arity = "0..*")
    List<String> snapshots = new ArrayList<>();

    @Override
    public Integer call() {
        ConsoleProgress progress = new ConsoleProgress();
        List<SnapshotId> ids = snapshots.stream().map(RestoreCommand::parse).toList();
        VerifyReport report = new Verifier(store.open()).verify(ids, progress, BridgeCli.CANCEL);
        progress.done();
        System.out.printf("Checked %d snapshot(s), %d chunk(s): %s%n", report.snapshotsChecked(), report.chunksChecked(),
                report.ok() ? "all good" : report.badChunks().size() + " bad chunk(s), " + report.damaged().size() + " damaged snapshot(s)");
        report.lines().forEach(System.out::println);
        return report.ok() ? ExitCodes.OK : ExitCodes.DATASTORE;
    }
}
