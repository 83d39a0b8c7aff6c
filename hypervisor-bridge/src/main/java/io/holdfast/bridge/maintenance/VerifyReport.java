package io.holdfast.bridge.maintenance;

import io.holdfast.bridge.datastore.SnapshotId;

import java.util.List;
import java.util.Map;

/**
 * What verify found.
 *
 * @param badChunks chunk digest → "missing" or "corrupt"
 * @param damaged   every snapshot (of the whole datastore) that uses a bad chunk or has a bad index, with why
 */
public record VerifyReport(int snapshotsChecked, int chunksChecked, Map<String, String> badChunks,
                           Map<SnapshotId, String> damaged) {

    public boolean ok() {
        return badChunks.isEmpty() && damaged.isEmpty();
    }

    public List<String> lines() {
        List<String> lines = new java.util.ArrayList<>();
        badChunks.forEach((d, why) -> lines.add("chunk " + d + ": " + why));
        damaged.forEach((s, why) -> lines.add("snapshot " + s + ": " + why));
        return lines;
    }
}
