package io.holdfast.backup.job;

import io.holdfast.backup.catalog.Catalog;
import io.holdfast.backup.storage.StorageService;
import io.holdfast.plugin.api.PluginContext;
import io.holdfast.plugin.api.inventory.InstanceRef;
import io.holdfast.plugin.api.tenancy.TenantRef;
import io.holdfast.plugin.api.tenancy.UserRef;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The admin's view of every job: the filtered list, retry, and the Overview's figures. Every method refuses
 * anyone but an admin, whatever the UI shows.
 */
public final class JobAdministration {

    static final int FAILURES_SHOWN = 50;

    private final PluginContext context;
    private final JobRepository jobs;
    private final Catalog catalog;
    private final StorageService storages;
    private final JobRunner runner;

    JobAdministration(PluginContext context, JobRepository jobs, Catalog catalog, StorageService storages, JobRunner runner) {
        this.context = context;
        this.jobs = jobs;
        this.catalog = catalog;
        this.storages = storages;
        this.runner = runner;
    }

    /** One page of every job matching the filter, newest first. */
    public List<Job> jobs(JobFilter filter, int offset, int limit) {
        admin();
        return jobs.find(filter, offset, limit);
    }

    public long count(JobFilter filter) {
        admin();
        return jobs.count(filter);
    }

    /** Queues a failed or cancelled job again, as it was asked the first time. */
    public long retry(long jobId) {
        UserRef user = admin();
        Job job = jobs.find(jobId).orElseThrow(() -> JobException.notFound("That job does not exist."));
        if (job.state() != JobState.FAILED && job.state() != JobState.CANCELLED) {
            throw new JobException("Only a failed or cancelled job can be retried; job " + jobId + " is "
                    + job.state().name().toLowerCase() + ".");
        }
        if (job.instanceId() == null || context.instances().find(job.instanceId()).isEmpty()) {
            throw new JobException("The instance of job " + jobId + " no longer exists.");
        }
        if (job.snapshotId() != null && catalog.find(job.snapshotId()).isEmpty()) {
            throw new JobException("The backup job " + jobId + " worked on no longer exists.");
        }
        long id = jobs.insert(job.kind(), job.instanceId(), job.tenantId(), job.hypervisorId(), job.storageId(), job.snapshotId(),
                job.params(), user.username(), null);
        runner.wake();
        return id;
    }

    /** What the Overview shows. */
    public record Overview(long running, long pending, long succeeded, long failed, long cancelled, long missed, long skipped,
                           List<Job> failures,
                           List<Use> byStorage, List<Use> byTenant, List<Unprotected> notBackedUp) {
    }

    /** Storage used by a storage or a tenant: new data stored by its live backups. */
    public record Use(String name, long snapshots, long bytesStored) {
    }

    /** An instance without a backup in the period, and its last one (null: never). */
    public record Unprotected(long instanceId, String instance, String tenant, Instant lastBackup) {
    }

    /**
     * @param hours    the period of the outcome counts and failures (24 on the page)
     * @param staleDays an instance whose newest backup is older than this is listed
     */
    public Overview overview(int hours, int staleDays) {
        admin();
        Map<JobState, Long> outcomes = jobs.outcomesSince(hours);
        List<Use> byStorage = catalog.usageByStorage().stream()
                .map(u -> new Use(storages.cap(u.key()).map(StorageService.StorageCap::name).orElse("storage " + u.key()),
                        u.snapshots(), u.bytesStored())).toList();
        List<Use> byTenant = catalog.usageByTenant().stream()
                .map(u -> new Use(tenantName(u.key()), u.snapshots(), u.bytesStored())).toList();
        Map<Long, Instant> last = catalog.lastBackupPerInstance();
        Instant limit = Instant.now().minus(Duration.ofDays(staleDays));
        List<Unprotected> stale = context.instances().visible().stream()
                .filter(i -> last.get(i.id()) == null || last.get(i.id()).isBefore(limit))
                .map(i -> new Unprotected(i.id(), i.name(), tenantName(i.tenantId().isPresent() ? i.tenantId().getAsLong() : null),
                        last.get(i.id())))
                .sorted(Comparator.comparing(Unprotected::instance)).toList();
        return new Overview(jobs.count(JobState.RUNNING), jobs.count(JobState.PENDING), outcomes.getOrDefault(JobState.SUCCEEDED, 0L),
                outcomes.getOrDefault(JobState.FAILED, 0L), outcomes.getOrDefault(JobState.CANCELLED, 0L),
                outcomes.getOrDefault(JobState.MISSED, 0L), outcomes.getOrDefault(JobState.SKIPPED, 0L),
                jobs.failedSince(hours, FAILURES_SHOWN), byStorage, byTenant, stale);
    }

    /** Names for the Jobs page's filters and columns. */
    public List<InstanceRef> instances() {
        admin();
        return context.instances().visible();
    }

    public List<TenantRef> tenants() {
        admin();
        return context.tenants().tenants();
    }

    private String tenantName(Long id) {
        return id == null ? "(no tenant)" : context.tenants().tenant(id).map(TenantRef::name).orElse("tenant " + id);
    }

    private UserRef admin() {
        UserRef user = context.currentUser().get().orElseThrow(() -> new JobException("Log in first."));
        if (!user.admin()) {
            throw JobException.forbidden("Only an admin sees every job.");
        }
        return user;
    }

}
