package io.holdfast.backup.job;

import io.holdfast.backup.catalog.SnapshotEntry;
import io.holdfast.plugin.api.inventory.InstanceRef;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How other features (mirrors, sequences) queue jobs and follow them, for background work: no caller is
 * checked here — their own services check the admin before they call.
 */
public final class JobQueue {

    /** Which feature's runs to look at. */
    public enum Owner {
        MIRROR("mirror_id"), SEQUENCE("sequence_id");

        final String column;

        Owner(String column) {
            this.column = column;
        }
    }

    private final JobRepository jobs;
    private final JobRunner runner;

    JobQueue(JobRepository jobs, JobRunner runner) {
        this.jobs = jobs;
        this.runner = runner;
    }

    public Instant now() {
        return jobs.now();
    }

    /**
     * A run of a mirror or sequence: now (slot null) or for a schedule's slot (at most once per slot; empty when
     * that slot was queued already).
     */
    public Optional<Long> run(Owner owner, long ownerId, JobKind kind, Long storageId, Instant slot, Long parentJobId, Integer step,
                              String requestedBy, String why) {
        Optional<Long> id = jobs.insertOwned(kind, storageId, null, null, owner == Owner.MIRROR ? ownerId : null,
                owner == Owner.SEQUENCE ? ownerId : null, parentJobId, step == null ? JobParams.none() : JobParams.step(step, false, false),
                requestedBy, slot, null, null, null);
        id.ifPresent(job -> queued(job, why));
        return id;
    }

    /** How far back a tick looks for a due slot (as the policy scheduler does). */
    private static final java.time.Duration LOOK_BACK = java.time.Duration.ofDays(2);

    /**
     * A scheduler tick for one scheduled mirror or sequence: queues the latest slot of {@code schedule} due since
     * the later of its last queued slot, {@code createdAt} and two days ago — once per slot — unless a run of it
     * still waits or runs (then this slot is left to the next). Returns the job, if one was queued.
     */
    public Optional<Long> runIfDue(Owner owner, long ownerId, io.holdfast.policy.schedule.Schedule schedule, Instant createdAt,
                                   Instant lastSlot, Instant now, JobKind kind, Long storageId, String what) {
        Instant from = java.util.stream.Stream.of(lastSlot, createdAt, now.minus(LOOK_BACK)).filter(java.util.Objects::nonNull)
                .max(Instant::compareTo).orElseThrow();
        List<io.holdfast.policy.schedule.Slot> due = schedule.between(from, now);
        if (due.isEmpty() || active(owner, ownerId)) {
            return Optional.empty();
        }
        Instant slot = due.getLast().at();
        return run(owner, ownerId, kind, storageId, slot, null, null, "scheduler",
                "Queued by the schedule of " + what + " for its slot at " + slot);
    }

    /** A backup that is a sequence's step (its policy's concurrency applies). */
    public long backupStep(InstanceRef instance, long storageId, boolean fullRead, boolean allDisks, long policyId, long parentJobId,
                           int step, String why) {
        long id = jobs.insertOwned(JobKind.BACKUP, storageId, null, policyId, null, null, parentJobId,
                JobParams.step(step, fullRead, allDisks), "sequence", null, instance.id(),
                instance.tenantId().isPresent() ? instance.tenantId().getAsLong() : null, instance.hypervisorId()).orElseThrow();
        queued(id, why);
        return id;
    }

    /** A storage-wide verify or gc that is a sequence's step. */
    public long storageStep(JobKind kind, long storageId, long parentJobId, int step, String why) {
        if (kind != JobKind.VERIFY && kind != JobKind.GC) {
            throw new IllegalArgumentException(kind + " is not a storage-wide job");
        }
        long id = jobs.insertOwned(kind, storageId, null, null, null, null, parentJobId, JobParams.step(step, false, false), "sequence",
                null, null, null, null).orElseThrow();
        queued(id, why);
        return id;
    }

    /** Deletes a snapshot a mirror's retention removes at its destination; the task log starts with the reason. */
    public Optional<Long> delete(SnapshotEntry snapshot, InstanceRef instance, String requestedBy, String reason) {
        if (jobs.hasActiveFor(snapshot.id(), JobKind.DELETE)) {
            return Optional.empty();
        }
        long id = jobs.insert(JobKind.DELETE, instance.id(), instance.tenantId().isPresent() ? instance.tenantId().getAsLong() : null,
                instance.hypervisorId(), snapshot.storageId(), snapshot.id(), JobParams.none(), requestedBy, null);
        queued(id, reason);
        return Optional.of(id);
    }

    public Optional<Job> find(long id) {
        return jobs.find(id);
    }

    /** The jobs of a sequence's run, oldest first. */
    public List<Job> children(long parentJobId) {
        return jobs.children(parentJobId);
    }

    /** The newest runs of a mirror or sequence, newest first. */
    public List<Job> latest(Owner owner, long ownerId, int limit) {
        return jobs.latestOf(owner.column, ownerId, limit);
    }

    public boolean active(Owner owner, long ownerId) {
        return jobs.activeOf(owner.column, ownerId);
    }

    /** The newest slot queued for each mirror or sequence. */
    public Map<Long, Instant> lastSlots(Owner owner) {
        return jobs.lastSlotsOf(owner.column);
    }

    /** Asks a job to stop (a sequence stopping the steps it started). */
    public void cancel(long jobId) {
        if (!jobs.cancelPending(jobId)) {
            jobs.requestCancel(jobId);
            runner.cancelLocal(jobId);
        }
    }

    private void queued(long job, String why) {
        new JobLog(jobs, job).step(why);
        runner.wake();
    }
}
