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
 * @param policyId  the policy that scheduled it, or null (by hand)
 * @param slotAt    the schedule's slot it fills, or null
 * @param deadline  it must have started by then (the end of the backup window), or it is missed
 * @param mirrorId  a mirror job's mirror
 * @param sequenceId a sequence's run (the parent) names its sequence
 * @param parentJobId a step of a sequence's run names that run
 */
public record Job(long id, JobKind kind, JobState state, Long instanceId, Long tenantId, Long hypervisorId, Long storageId,
                  Long snapshotId, JobParams params, String requestedBy, Instant createdAt, Instant startedAt,
                  Instant finishedAt, String node, String phase, Double percent, Long bytesDone, Long bytesTotal,
                  Double rateBps, Long etaSeconds, boolean cancelRequested, String error, Long resultSnapshot,
                  Long afterJob, Long policyId, Instant slotAt, Instant deadline, Long mirrorId, Long sequenceId,
                  Long parentJobId) {

    /** Names the job's traces on a hypervisor and in a datastore; the creation time keeps two installations' job 5 apart. */
    public String ref() {
        return "holdfast-job-" + id + "-" + createdAt.toEpochMilli();
    }

    /** Made by a policy's schedule rather than by hand. */
    public boolean scheduled() {
        return slotAt != null;
    }
}
