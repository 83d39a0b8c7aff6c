package io.holdfast.bridge.maintenance;

/**
 * What garbage collection did.
 *
 * @param chunksKeptYoung unreferenced chunks spared because they are newer than the oldest running backup
 */
public record GcReport(int chunksReferenced, int chunksRemoved, long bytesRemoved, int chunksKeptYoung,
                       int unfinishedSnapshotsRemoved, boolean dryRun) {

    /** One line for the CLI and the task log. */
    public String summary() {
        return (dryRun ? "Would remove " : "Removed ") + chunksRemoved + " unused chunk(s) ("
                + io.holdfast.bridge.progress.ByteSizes.human(bytesRemoved) + "); kept " + chunksReferenced + " in use and "
                + chunksKeptYoung + " too young; " + unfinishedSnapshotsRemoved + " unfinished snapshot folder(s)";
    }
}
