package io.holdfast.bridge.mirror;

import io.holdfast.bridge.datastore.SnapshotId;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a mirror run did.
 *
 * @param mirrored     snapshots committed at the destination by this run
 * @param alreadyThere snapshots the destination had committed before (nothing sent for them)
 * @param repaired     snapshots in the request's repair set whose missing chunks were checked (and sent)
 * @param refused      snapshots not mirrored, with the reason (e.g. which chunk is corrupt at the source)
 * @param sentBySnapshot bytes written to the destination for each snapshot mirrored or repaired (what it added there)
 * @param chunksSent   chunks written to the destination
 * @param bytesSent    bytes of those chunks (as stored at the destination)
 * @param chunksFound  chunks the destination already had (not read from the source, not sent)
 * @param rekeyed      whether blocks were re-encoded for another key (false: blobs copied as stored)
 */
public record MirrorReport(List<SnapshotId> mirrored, List<SnapshotId> alreadyThere, List<SnapshotId> repaired,
                           Map<SnapshotId, String> refused, Map<SnapshotId, Long> sentBySnapshot, long chunksSent, long bytesSent, long chunksFound,
                           boolean rekeyed, Duration duration) {

    public MirrorReport {
        mirrored = List.copyOf(mirrored);
        alreadyThere = List.copyOf(alreadyThere);
        repaired = List.copyOf(repaired);
        refused = Map.copyOf(refused);
        sentBySnapshot = Map.copyOf(sentBySnapshot);
    }

    public boolean ok() {
        return refused.isEmpty();
    }
}
