package io.holdfast.backup.job;

import io.holdfast.backup.catalog.SnapshotEntry;
import io.holdfast.plugin.api.inventory.InstanceRef;

import java.time.Instant;
import java.util.Optional;

/**
 * What the scheduler queues, for background work only (no caller is checked: the scheduler acts for the
 * policies an admin or tenant attached). A scheduled backup is queued at most once per instance and slot,
 * whatever the number of nodes ticking.
 */
public final class ScheduledJobs {

    static final String BY = "scheduler";

    private final JobRepository jobs;
    private final JobRunner runner;

    ScheduledJobs(JobRepository jobs, JobRunner runner) {
        this.jobs = jobs;
        this.runner = runner;
    }

    /** The database's clock, shared by every node. */
    public Instant now() {
        return jobs.now();
    }

    /** @return the job, or empty when this slot of the instance was already queued (by this node or another) */
    public Optional<Long> backup(InstanceRef instance, long storageId, boolean fullRead, boolean allDisks, long policyId, Instant slot,
                                 Instant deadline, String why) {
        Optional<Long> id = jobs.insertScheduled(JobKind.BACKUP, instance.id(), tenant(instance), instance.hypervisorId(), storageId, null,
                JobParams.backup(fullRead, allDisks), BY, policyId, slot, deadline);
        id.ifPresent(job -> {
            new JobLog(jobs, job).step("Queued by the schedule for its slot at " + slot + ": " + why);
            runner.wake();
        });
        return id;
    }

    /** Records a slot that was not run (the instance was busy, no storage), once per slot. */
    public Optional<Long> skipped(InstanceRef instance, long policyId, Instant slot, String reason) {
        return jobs.insertEnded(JobKind.BACKUP, instance.id(), tenant(instance), instance.hypervisorId(), JobState.SKIPPED, reason, BY,
                policyId, slot);
    }

    /** Records a slot whose window closed before anything could start it, once per slot. */
    public Optional<Long> missed(InstanceRef instance, long policyId, Instant slot, String reason) {
        return jobs.insertEnded(JobKind.BACKUP, instance.id(), tenant(instance), instance.hypervisorId(), JobState.MISSED, reason, BY,
                policyId, slot);
    }

    /** The newest slot recorded for each instance (queued, skipped or missed). */
    public java.util.Map<Long, Instant> lastSlots() {
        return jobs.lastSlots();
    }

    /** Instances with a backup or restore waiting or running. */
    public java.util.Set<Long> busyInstances() {
        return jobs.busyInstances();
    }

    /** Deletes a snapshot retention removes; the task log starts with the rule's reason. */
    public Optional<Long> delete(SnapshotEntry snapshot, InstanceRef instance, long policyId, String reason) {
        if (jobs.hasActiveFor(snapshot.id(), JobKind.DELETE)) {
            return Optional.empty();
        }
        long id = jobs.insert(JobKind.DELETE, instance.id(), tenant(instance), instance.hypervisorId(), snapshot.storageId(), snapshot.id(),
                JobParams.none(), "retention", null);
        new JobLog(jobs, id).step("Queued by the retention of policy #" + policyId + ": " + reason);
        runner.wake();
        return Optional.of(id);
    }

    public Optional<Long> verify(SnapshotEntry snapshot, InstanceRef instance, String reason) {
        if (jobs.hasActiveFor(snapshot.id(), JobKind.VERIFY)) {
            return Optional.empty();
        }
        long id = jobs.insert(JobKind.VERIFY, instance.id(), tenant(instance), instance.hypervisorId(), snapshot.storageId(), snapshot.id(),
                JobParams.none(), "verify schedule", null);
        new JobLog(jobs, id).step("Queued by the verify schedule: " + reason);
        runner.wake();
        return Optional.of(id);
    }

    public long gc(long storageId, String reason) {
        long id = jobs.insert(JobKind.GC, null, null, null, storageId, null, JobParams.none(), "gc schedule", null);
        new JobLog(jobs, id).step("Queued by the gc schedule: " + reason);
        runner.wake();
        return id;
    }

    private static Long tenant(InstanceRef instance) {
        return instance.tenantId().isPresent() ? instance.tenantId().getAsLong() : null;
    }
}
