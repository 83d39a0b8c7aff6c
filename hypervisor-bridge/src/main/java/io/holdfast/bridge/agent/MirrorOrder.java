package io.holdfast.bridge.agent;

import java.util.List;
import java.util.Set;

/**
 * Copy snapshots from one storage to another through a bridge (the data never passes through the master).
 *
 * @param snapshots datastore snapshot ids to have at the destination
 * @param repair    those of them the destination holds but its verify found damaged: their chunks are
 *                  checked one by one and the missing ones sent again
 * @param jobRef    the job's reference, marking the run in the destination's {@code running/} for its gc
 */
public record MirrorOrder(StorageAccess source, StorageAccess destination, List<String> snapshots, Set<String> repair,
                          String jobRef) {

    public MirrorOrder {
        snapshots = List.copyOf(snapshots);
        repair = Set.copyOf(repair);
    }
}
