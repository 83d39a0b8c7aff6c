package io.holdfast.backup.job;

import io.holdfast.bridge.agent.BackupOrder;
import io.holdfast.bridge.agent.BackupOutcome;
import io.holdfast.bridge.agent.Bridge;
import io.holdfast.bridge.agent.BridgeException;
import io.holdfast.backup.bridge.Bridges;
import io.holdfast.bridge.agent.RestoreOrder;
import io.holdfast.bridge.agent.RestoreOutcome;
import io.holdfast.bridge.progress.ByteSizes;
import io.holdfast.bridge.agent.StorageAccess;
import io.holdfast.bridge.agent.VerifyOutcome;
import io.holdfast.backup.catalog.Catalog;
import io.holdfast.backup.catalog.SnapshotEntry;
import io.holdfast.backup.storage.StorageService;
import io.holdfast.bridge.progress.Cancellation;
import io.holdfast.bridge.remote.RemoteConfig;
import io.holdfast.plugin.api.SystemContext;
import io.holdfast.plugin.api.inventory.HypervisorRef;
import io.holdfast.plugin.api.inventory.InstanceRef;

import java.util.List;
import java.util.OptionalLong;

/** Runs one claimed job through the bridge of its hypervisor and records what it made in the catalog. */
final class JobExecutor {

    private final SystemContext system;
    private final StorageService storages;
    private final Catalog catalog;
    private final Bridges bridges;

    private final JobMetrics metrics;

    JobExecutor(SystemContext system, StorageService storages, Catalog catalog, Bridges bridges, JobMetrics metrics) {
        this.metrics = metrics;
        this.system = system;
        this.storages = storages;
        this.catalog = catalog;
        this.bridges = bridges;
    }

    private final java.util.Map<JobKind, JobWork> works = new java.util.concurrent.ConcurrentHashMap<>();

    void register(JobKind kind, JobWork work) {
        works.put(kind, work);
    }

    /** @return the catalog id of the snapshot the job made, or null */
    Long run(Job job, JobLog log, Cancellation cancel) {
        return switch (job.kind()) {
            case BACKUP -> backup(job, log, cancel);
            case RESTORE -> restore(job, log, cancel);
            case DELETE -> delete(job, log);
            case VERIFY -> verify(job, log, cancel);
            case GC -> gc(job, log, cancel);
            case MIRROR, SEQUENCE -> work(job).run(job, task(log), cancel);
        };
    }

    private JobWork work(Job job) {
        JobWork work = works.get(job.kind());
        if (work == null) {
            throw new BridgeException("No part of this installation runs " + job.kind().name().toLowerCase() + " jobs.");
        }
        return work;
    }

    private JobTask task(JobLog log) {
        return new JobTask() {
            @Override
            public void error(String message) {
                log.error(message);
            }

            @Override
            public StorageAccess storage(long storageId) {
                return access(storageId, log);
            }

            @Override
            public void step(String message) {
                log.step(message);
            }

            @Override
            public void warn(String message) {
                log.warn(message);
            }

            @Override
            public void progress(io.holdfast.bridge.progress.Progress progress) {
                log.progress(progress);
            }
        };
    }

    private Long backup(Job job, JobLog log, Cancellation cancel) {
        InstanceRef instance = instance(job.instanceId());
        HypervisorRef hypervisor = hypervisor(instance);
        StorageAccess storage = access(job.storageId(), log);
        log.step("Backup of " + instance.name() + " (" + instance.domainUuid() + ") on hypervisor " + hypervisor.name()
                + " to storage " + storage.name() + ": " + (job.params().fullRead() ? "full read" : "incremental")
                + ", " + (job.params().allDisks() ? "all disks" : "primary disk only"));
        BackupOutcome outcome = bridge(hypervisor).backup(new BackupOrder(storage, instance.domainUuid(), job.params().fullRead(),
                job.params().allDisks(), instance.tenantId().isPresent() ? Long.toString(instance.tenantId().getAsLong()) : null,
                jobRef(job)), log, cancel);
        long id = catalog.record(new Catalog.NewSnapshot(job.storageId(), instance.id(), job.tenantId(), instance.domainUuid(),
                outcome.snapshot(), outcome.incremental(), outcome.disks().stream().map(BackupOutcome.DiskSize::name).toList(),
                outcome.diskBytes(), outcome.bytesRead(), outcome.bytesStored(), outcome.duration(), outcome.createdAt(),
                String.join(" ", outcome.notes()), job.id(), !job.scheduled()));
        metrics.backedUp(outcome.bytesRead(), outcome.bytesStored());
        log.step("Snapshot " + outcome.snapshot() + " committed: read " + ByteSizes.human(outcome.bytesRead()) + ", stored "
                + ByteSizes.human(outcome.bytesStored()) + " new, in " + outcome.duration().toMillis() + " ms");
        return id;
    }

    /** Removes the chunks no snapshot of the storage uses any more (never those of a backup still running). */
    private Long gc(Job job, JobLog log, Cancellation cancel) {
        StorageAccess storage = access(job.storageId(), log);
        log.step("Garbage collection of storage " + storage.name() + " (chunks no snapshot uses)");
        bridges.local().gc(storage, log, cancel);
        return null;
    }

    private Long restore(Job job, JobLog log, Cancellation cancel) {
        SnapshotEntry snapshot = snapshot(job.snapshotId());
        InstanceRef source = instance(snapshot.instanceId());
        HypervisorRef hypervisor = hypervisor(source);
        StorageAccess storage = access(snapshot.storageId(), log);
        RestoreOrder.Target target = RestoreOrder.Target.valueOf(job.params().restoreTarget());
        String domain = switch (target) {
            case IN_PLACE, NEW_INSTANCE -> source.domainUuid();
            case OTHER_INSTANCE -> {
                InstanceRef other = instance(job.params().targetInstanceId());
                if (other.hypervisorId() != source.hypervisorId()) {
                    throw new BridgeException("Instance " + other.name() + " is on another hypervisor; restores into another "
                            + "instance work within one hypervisor in this version.");
                }
                yield other.domainUuid();
            }
        };
        log.step("Restore of snapshot " + snapshot.snapshot() + " (" + snapshot.createdAt() + ") from storage " + storage.name()
                + ": " + describe(target, job));
        RestoreOutcome outcome = bridge(hypervisor).restore(new RestoreOrder(storage, snapshot.snapshot(), target, domain,
                job.params().newName()), log, cancel);
        outcome.notes().forEach(log::warn);
        if (target == RestoreOrder.Target.NEW_INSTANCE) {
            InstanceRef created = system.adopt(hypervisor.id(), outcome.domainUuid(),
                    source.tenantId().isPresent() ? OptionalLong.of(source.tenantId().getAsLong()) : OptionalLong.empty());
            log.step("New instance " + created.name() + " registered for the same tenant");
        }
        log.step("Restored " + ByteSizes.human(outcome.bytesWritten()) + " into " + outcome.domainName());
        return null;
    }

    private Long delete(Job job, JobLog log) {
        SnapshotEntry snapshot = snapshot(job.snapshotId());
        if (snapshot.isProtected()) {
            throw new BridgeException("Snapshot " + snapshot.snapshot() + " is protected: unprotect it first.");
        }
        StorageAccess storage = access(snapshot.storageId(), log);
        HypervisorRef hypervisor = hypervisor(instance(snapshot.instanceId()));
        bridge(hypervisor).deleteSnapshot(storage, snapshot.snapshot(), log);
        catalog.remove(snapshot.id());
        log.step("Removed snapshot " + snapshot.snapshot() + " from the catalog");
        return null;
    }

    private Long verify(Job job, JobLog log, Cancellation cancel) {
        if (job.snapshotId() == null) {
            return verifyStorage(job, log, cancel);
        }
        SnapshotEntry snapshot = snapshot(job.snapshotId());
        StorageAccess storage = access(snapshot.storageId(), log);
        HypervisorRef hypervisor = hypervisor(instance(snapshot.instanceId()));
        VerifyOutcome outcome = bridge(hypervisor).verify(storage, snapshot.snapshot(), log, cancel);
        catalog.verified(snapshot.id(), outcome.ok());
        if (!outcome.ok()) {
            outcome.problems().forEach(log::error);
            throw new BridgeException("Snapshot " + snapshot.snapshot() + " is damaged: " + outcome.problems().size()
                    + " problem(s), listed in the task log.");
        }
        log.step("Verified " + outcome.chunksChecked() + " chunks: every one matches its digest");
        return null;
    }

    /** Every snapshot of a storage (a sequence's verify step); each catalog row is marked sound or damaged. */
    private Long verifyStorage(Job job, JobLog log, Cancellation cancel) {
        StorageAccess storage = access(job.storageId(), log);
        log.step("Verify of every snapshot in storage " + storage.name());
        VerifyOutcome outcome = bridges.local().verify(storage, null, log, cancel);
        java.util.Set<String> damaged = new java.util.HashSet<>(outcome.damaged());
        int marked = 0;
        for (SnapshotEntry s : catalog.ofStorage(job.storageId())) {
            catalog.verified(s.id(), !damaged.contains(s.snapshot()));
            marked++;
        }
        if (!outcome.ok()) {
            outcome.problems().forEach(log::error);
            throw new BridgeException("Storage " + storage.name() + ": " + damaged.size() + " damaged snapshot(s), listed in the task log.");
        }
        log.step("Verified " + outcome.chunksChecked() + " chunks of " + marked + " snapshots: every one matches its digest");
        return null;
    }

    /** Cleans up after a job whose runner died (its libvirt job and checkpoint). */
    void recover(Job job, JobLog log) {
        if (works.containsKey(job.kind())) {
            works.get(job.kind()).recover(job, task(log));
            return;
        }
        if (job.kind() != JobKind.BACKUP || job.instanceId() == null || job.storageId() == null) {
            return;
        }
        InstanceRef instance = instance(job.instanceId());
        bridge(hypervisor(instance)).recover(access(job.storageId(), log), instance.domainUuid(), jobRef(job), log);
    }

    /** Names a backup's traces on the hypervisor and in the datastore; the creation time keeps two installations' job 5 apart. */
    static String jobRef(Job job) {
        return job.ref();
    }

    private static String describe(RestoreOrder.Target target, Job job) {
        return switch (target) {
            case IN_PLACE -> "in place (power off, replace the disks, start again)";
            case NEW_INSTANCE -> "to a new instance named " + job.params().newName();
            case OTHER_INSTANCE -> "into instance #" + job.params().targetInstanceId();
        };
    }

    private StorageAccess access(Long storageId, JobLog log) {
        if (storageId == null) {
            throw new BridgeException("The job names no storage.");
        }
        StorageAccess access = storages.accessForJob(storageId);
        log.redact(access.datastoreKey(), access.sftpPrivateKey());
        switch (access.remote()) {
            case RemoteConfig.Sftp s -> log.redact(s.password());
            case RemoteConfig.Ftp f -> log.redact(f.password());
            case RemoteConfig.S3 s -> log.redact(s.secretKey());
            case RemoteConfig.Local l -> {
            }
            case RemoteConfig.Rclone r -> {
            }
        }
        return access;
    }

    private Bridge bridge(HypervisorRef hypervisor) {
        return bridges.forHypervisor(hypervisor);
    }

    private InstanceRef instance(Long id) {
        return system.instances().find(id == null ? -1 : id)
                .orElseThrow(() -> new BridgeException("The instance of this job no longer exists."));
    }

    private HypervisorRef hypervisor(InstanceRef instance) {
        return system.hypervisors().find(instance.hypervisorId())
                .orElseThrow(() -> new BridgeException("The hypervisor of " + instance.name() + " no longer exists."));
    }

    private SnapshotEntry snapshot(Long id) {
        return catalog.find(id == null ? -1 : id)
                .orElseThrow(() -> new BridgeException("The snapshot of this job no longer exists in the catalog."));
    }

}
