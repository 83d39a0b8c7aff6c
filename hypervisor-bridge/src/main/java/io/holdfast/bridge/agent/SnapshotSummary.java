package io.holdfast.bridge.agent;

import java.time.Instant;

/** One committed snapshot of a datastore, as listed for an operator or a catalog check. */
public record SnapshotSummary(String snapshot, String instanceUuid, String instanceName, Instant startedAt, String type,
                              long diskBytes) {
}
