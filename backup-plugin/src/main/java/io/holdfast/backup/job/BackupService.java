package io.holdfast.backup.job;

import io.holdfast.backup.catalog.Catalog;
import io.holdfast.backup.catalog.SnapshotEntry;
import io.holdfast.backup.storage.StorageException;
import io.holdfast.backup.storage.StorageService;
import io.holdfast.plugin.api.PluginContext;
import io.holdfast.plugin.api.inventory.InstanceRef;
import io.holdfast.plugin.api.tenancy.UserRef;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What users and admins do with backups: queue a backup, restore, delete, verify, protect; read snapshots,
 * jobs and task logs. Every method checks the caller through the host's tenancy rules first: an instance,
 * snapshot or job of another tenant is answered exactly like one that does not exist. Admins may act on any
 * instance. The UI only hides what this service already refuses.
 */
public final class BackupService {

    private static final Pattern DOMAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final int JOBS_SHOWN = 100;

    private final PluginContext context;
    private final JobRepository jobs;
    private final Catalog catalog;
    private final StorageService storages;
    private final JobRunner runner;

    BackupService(PluginContext context, JobRepository jobs, Catalog catalog, StorageService storages, JobRunner runner) {
        this.context = context;
        this.jobs = jobs;
        this.catalog = catalog;
        this.storages = storages;
        this.runner = runner;
    }

    /** Queues a backup now. Refused with "Hypervisor backup not enabled" when the hypervisor has no enabled storage. */
    public long backupNow(long instanceId, boolean fullRead, boolean allDisks) {
        UserRef user = user();
        InstanceRef instance = visibleInstance(instanceId);
        long storageId;
        try {
            storageId = storages.storageForBackup(instance.hypervisorId(), null);
        } catch (StorageException e) {
            throw new JobException(e.getMessage());
        }
        return queue(JobKind.BACKUP, instance, storageId, null, JobParams.backup(fullRead, allDisks), user);
    }

    /** Whether an incremental can build on an earlier backup of this instance (to its current storage). */
    public Optional<String> whyNoIncremental(long instanceId) {
        InstanceRef instance = visibleInstance(instanceId);
        try {
            long storageId = storages.storageForBackup(instance.hypervisorId(), null);
            return catalog.hasChain(instanceId, storageId) ? Optional.empty()
                    : Optional.of("No earlier backup of this instance in its storage: the first backup reads every block.");
        } catch (StorageException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Restores a snapshot over its own instance. With {@code backUpFirst}, a backup of the instance as it is
     * now is queued first and the restore starts only if that backup succeeds.
     */
    public long restoreInPlace(long snapshotId, boolean backUpFirst) {
        UserRef user = user();
        SnapshotEntry s = visibleSnapshot(snapshotId);
        InstanceRef instance = visibleInstance(s.instanceId());
        Long first = backUpFirst ? backUpCurrentState(instance, user) : null;
        return queue(JobKind.RESTORE, instance, s.storageId(), s.id(), JobParams.restore("IN_PLACE", null, null), user, first);
    }

    public long restoreToNewInstance(long snapshotId, String newName) {
        UserRef user = user();
        SnapshotEntry s = visibleSnapshot(snapshotId);
        InstanceRef instance = visibleInstance(s.instanceId());
        String name = newName == null ? "" : newName.strip();
        if (!DOMAIN_NAME.matcher(name).matches()) {
            throw JobException.invalid("The new instance's name must be 1-63 letters, digits, dots, dashes or underscores.");
        }
        if (context.instances().visible().stream().anyMatch(i -> i.name().equals(name))) {
            throw new JobException("An instance named " + name + " already exists: choose another name.");
        }
        return queue(JobKind.RESTORE, instance, s.storageId(), s.id(), JobParams.restore("NEW_INSTANCE", null, name), user);
    }

    /**
     * Restores into another instance of the same tenant (its disk must be at least as large; the bridge checks).
     * With {@code backUpFirst}, that instance is backed up first and the restore waits for the backup's success.
     */
    public long restoreToOtherInstance(long snapshotId, long targetInstanceId, boolean backUpFirst) {
        UserRef user = user();
        SnapshotEntry s = visibleSnapshot(snapshotId);
        InstanceRef source = visibleInstance(s.instanceId());
        InstanceRef target = visibleInstance(targetInstanceId);
        if (target.id() == source.id()) {
            throw new JobException("That is the backup's own instance: choose \"this instance\" to restore in place.");
        }
        if (!target.tenantId().equals(source.tenantId())) {
            throw new JobException("Instance " + target.name() + " belongs to another tenant: restores stay within one tenant.");
        }
        Long first = backUpFirst ? backUpCurrentState(target, user) : null;
        return queue(JobKind.RESTORE, source, s.storageId(), s.id(), JobParams.restore("OTHER_INSTANCE", target.id(), null), user,
                first);
    }

    public long delete(long snapshotId) {
        UserRef user = user();
        SnapshotEntry s = visibleSnapshot(snapshotId);
        if (s.isProtected()) {
            throw new JobException("This backup is protected: unprotect it before deleting it.");
        }
        return queue(JobKind.DELETE, visibleInstance(s.instanceId()), s.storageId(), s.id(), JobParams.none(), user);
    }

    public long verify(long snapshotId) {
        UserRef user = user();
        SnapshotEntry s = visibleSnapshot(snapshotId);
        return queue(JobKind.VERIFY, visibleInstance(s.instanceId()), s.storageId(), s.id(), JobParams.none(), user);
    }

    public void setProtected(long snapshotId, boolean value) {
        user();
        catalog.setProtected(visibleSnapshot(snapshotId).id(), value);
    }

    public List<SnapshotEntry> snapshots(long instanceId) {
        return catalog.forInstance(visibleInstance(instanceId).id());
    }

    /** A storage's name, as the Backups list shows where each backup lies. */
    public String storageName(long storageId) {
        user();
        return storages.cap(storageId).map(StorageService.StorageCap::name).orElse("storage " + storageId);
    }

    /** One page of an instance's snapshots, newest first (the Backups grid loads them as it scrolls). */
    public List<SnapshotEntry> snapshots(long instanceId, int offset, int limit) {
        return catalog.page(visibleInstance(instanceId).id(), offset, limit);
    }

    public long snapshotCount(long instanceId) {
        return catalog.count(visibleInstance(instanceId).id());
    }

    public long jobCount(long instanceId) {
        return jobs.countForInstance(visibleInstance(instanceId).id());
    }

    /** The instance's latest snapshots, oldest first, for its chart. */
    public List<SnapshotEntry> history(long instanceId, int limit) {
        return catalog.latest(visibleInstance(instanceId).id(), limit).reversed();
    }

    public List<Job> jobs(long instanceId) {
        return jobs(instanceId, 0, JOBS_SHOWN);
    }

    /** One page of the instance's jobs (its own and restores into it), newest first. */
    public List<Job> jobs(long instanceId, int offset, int limit) {
        return jobs.forInstance(visibleInstance(instanceId).id(), offset, limit);
    }

    /** A job in an instance's queue, with its place among every waiting job (0 once it runs or ended). */
    public record QueueEntry(Job job, long placeInLine) {
    }

    /** The instance's waiting and running jobs in order, then the most recent ended ones. */
    public List<QueueEntry> queue(long instanceId, int recentEnded) {
        long id = visibleInstance(instanceId).id();
        List<QueueEntry> entries = new java.util.ArrayList<>();
        for (Job job : jobs.active(id)) {
            entries.add(new QueueEntry(job, job.state() == JobState.PENDING ? jobs.placeInLine(job.id()) : 0));
        }
        jobs.forInstance(id, 0, recentEnded + entries.size()).stream().filter(j -> j.state().finished()).limit(recentEnded)
                .forEach(j -> entries.add(new QueueEntry(j, 0)));
        return entries;
    }

    /** Every job across tenants, newest first (admins). */
    public List<Job> allJobs() {
        if (!user().admin()) {
            throw JobException.forbidden("Only an admin sees every job.");
        }
        return jobs.recent(JOBS_SHOWN * 5);
    }

    public Job job(long jobId) {
        return visibleJob(jobId);
    }

    public List<TaskLine> taskLog(long jobId) {
        return jobs.log(visibleJob(jobId).id());
    }

    /** One page of a job's task log, oldest first. */
    public List<TaskLine> taskLog(long jobId, int offset, int limit) {
        return jobs.log(visibleJob(jobId).id(), offset, limit);
    }

    public void cancel(long jobId) {
        user();
        Job job = visibleJob(jobId);
        if (job.state().finished()) {
            throw new JobException("Job " + jobId + " has already ended (" + job.state().name().toLowerCase() + ").");
        }
        if (!jobs.cancelPending(jobId)) {
            jobs.requestCancel(jobId);
            runner.cancelLocal(jobId);
        }
    }

    /** The backup of an instance's current state before a restore replaces it: every disk, incremental when it can. */
    private long backUpCurrentState(InstanceRef instance, UserRef user) {
        long storageId;
        try {
            storageId = storages.storageForBackup(instance.hypervisorId(), null);
        } catch (StorageException e) {
            throw new JobException("The current state of " + instance.name() + " cannot be backed up first: " + e.getMessage()
                    + " Untick \"back up the current state first\" to restore without it.");
        }
        boolean full = !catalog.hasChain(instance.id(), storageId);
        return queue(JobKind.BACKUP, instance, storageId, null, JobParams.backup(full, true), user, null);
    }

    private long queue(JobKind kind, InstanceRef instance, Long storageId, Long snapshotId, JobParams params, UserRef user) {
        return queue(kind, instance, storageId, snapshotId, params, user, null);
    }

    private long queue(JobKind kind, InstanceRef instance, Long storageId, Long snapshotId, JobParams params, UserRef user,
                       Long afterJob) {
        Long tenant = instance.tenantId().isPresent() ? instance.tenantId().getAsLong() : null;
        long id = jobs.insert(kind, instance.id(), tenant, instance.hypervisorId(), storageId, snapshotId, params, user.username(),
                afterJob);
        runner.wake();
        return id;
    }

    private UserRef user() {
        return context.currentUser().get().orElseThrow(() -> new JobException("Log in first."));
    }

    private InstanceRef visibleInstance(long id) {
        return context.instances().find(id).orElseThrow(() -> JobException.notFound("That instance does not exist."));
    }

    /** One backup of an instance the caller may see. */
    public SnapshotEntry backup(long snapshotId) {
        return visibleSnapshot(snapshotId);
    }

    private SnapshotEntry visibleSnapshot(long id) {
        SnapshotEntry s = catalog.find(id).orElseThrow(() -> JobException.notFound("That backup does not exist."));
        if (context.instances().find(s.instanceId()).isEmpty()) {
            throw JobException.notFound("That backup does not exist.");
        }
        return s;
    }

    private Job visibleJob(long id) {
        Job job = jobs.find(id).orElseThrow(() -> JobException.notFound("That job does not exist."));
        UserRef user = user();
        if (!user.admin() && (job.instanceId() == null || context.instances().find(job.instanceId()).isEmpty())) {
            throw JobException.notFound("That job does not exist.");
        }
        return job;
    }
}
