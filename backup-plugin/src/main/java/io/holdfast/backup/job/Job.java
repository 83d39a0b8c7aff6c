package io.holdfast.backup.job;

import java.time.Instant;

/**
 * A job as the UI shows it.
 *
 * @param percent   progress of the running phase, 0-100, or null before the first report
 * @param rateBps   bytes per second of the running phase
 * @param etaSeconds seconds left, when known
 * @param error     the failure in one sentence (the task log keeps the detail)
 * @param afterJob  a job that must succeed before this one starts (a backup of the current state before a restore)
 */
public record Job(long id, JobKind kind, JobState state, Long instanceId, Long tenantId, Long hypervisorId, Long storageId,
                  Long snapshotId, JobParams params, String requestedBy, Instant createdAt, Instant startedAt,
                  Instant finishedAt, String node, String phase, Double percent, Long bytesDone, Long bytesTotal,
                  Double rateBps, Long etaSeconds, boolean cancelRequested, String error, Long resultSnapshot,
                  Long afterJob) {
}
