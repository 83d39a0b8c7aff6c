package io.holdfast.bridge.cli;

import io.holdfast.bridge.maintenance.GarbageCollector;
import io.holdfast.bridge.maintenance.GcReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "gc", mixinStandardHelpOptions = true,
        description = "Remove chunks no snapshot uses (never ones newer than the oldest running backup).")
final class GcCommand implements Callable<Integer> {

    @Mixin
    DatastoreOptions store = new DatastoreOptions();

    @Option(names = "--dry-run", description = "Only say what would be removed.")
    boolean dryRun;

    @Override
    public Integer call() {
        GcReport r = new GarbageCollector(store.open()).collect(dryRun);
        System.out.println(r.summary());
        return ExitCodes.OK;
    }
}
