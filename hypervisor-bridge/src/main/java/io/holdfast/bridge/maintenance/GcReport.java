package io.holdfast.bridge.maintenance;

/**
 * What garbage collection did.
 *
 * @param chunksKeptYoung unreferenced chunks spared because they are newer than the oldest running backup
 */
public record GcReport(int chunksReferenced, int chunksRemoved, long bytesRemoved, int chunksKeptYoung,
                       int unfinishedSnapshotsRemoved, boolean dryRun) {
}
