package io.holdfast.bridge.mirror;

import io.holdfast.bridge.datastore.SnapshotId;

import java.util.List;
import java.util.Set;

/**
 * What one mirror run copies.
 *
 * @param snapshots the source's snapshots to have at the destination (chosen by the caller: all, the last N
 *                  per instance, some instances); those already committed there are skipped
 * @param repair    snapshots already at the destination whose chunks are checked one by one, and the missing
 *                  ones (e.g. moved away by the destination's verify as corrupt) sent again
 * @param jobRef    marks the run in the destination's {@code running/} so its gc spares the chunks it sends
 */
public record MirrorRequest(List<SnapshotId> snapshots, Set<SnapshotId> repair, String jobRef) {

    public MirrorRequest {
        snapshots = List.copyOf(snapshots);
        repair = Set.copyOf(repair);
    }
}
