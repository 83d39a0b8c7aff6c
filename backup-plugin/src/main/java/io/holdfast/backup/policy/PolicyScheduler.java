package io.holdfast.backup.policy;

import io.holdfast.backup.catalog.Catalog;
import io.holdfast.backup.catalog.SnapshotEntry;
import io.holdfast.backup.job.Job;
import io.holdfast.backup.job.JobKind;
import io.holdfast.backup.job.ScheduledJobs;
import io.holdfast.backup.storage.StorageException;
import io.holdfast.backup.storage.StorageService;
import io.holdfast.plugin.api.SystemContext;
import io.holdfast.plugin.api.inventory.InstanceRef;
import io.holdfast.policy.retention.RetentionDecision;
import io.holdfast.policy.schedule.BackupPlanner;
import io.holdfast.policy.schedule.ChainState;
import io.holdfast.policy.schedule.Plan;
import io.holdfast.policy.schedule.Slot;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The scheduler: a tick every minute, on one node at a time (ShedLock on the database's clock), queues the
 * due backups of attached instances — each slot at most once, also when two nodes tick the same minute,
 * since a slot's job row is unique — and records a slot it could not run: skipped (the instance still busy)
 * or missed (its window closed, or no node ticked in time). After each backup, retention runs for that
 * instance; gc runs per storage every few days; snapshots not verified for a policy's N days are verified.
 */
public final class PolicyScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PolicyScheduler.class);
    /** The name of the cluster-wide lock of ticks (a row of backup_shedlock). */
    public static final String LOCK = "backup-scheduler";
    /** How far back a tick looks for due slots (a node down longer records older slots as missed, once). */
    static final Duration LOOK_BACK = Duration.ofDays(2);
    static final int VERIFY_PER_TICK = 10;

    /**
     * @param tick        between ticks (a minute)
     * @param lockAtLeast a tick holds the lock at least this long, so a second node's tick in the same minute
     *                    finds it held (zero in tests that drive ticks themselves)
     * @param lockAtMost  a node that dies mid-tick holds the lock at most this long; then another node ticks
     */
    public record Settings(Duration tick, Duration lockAtLeast, Duration lockAtMost, int gcEveryDays, boolean enabled) {
    }

    /** What one tick did. */
    public record TickReport(boolean ran, int queued, int skipped, int missed, int enrolled, int verifies, int gcs) {
        static final TickReport NOT_RUN = new TickReport(false, 0, 0, 0, 0, 0, 0);
    }

    private final SystemContext system;
    private final PolicyRepository policies;
    private final Catalog catalog;
    private final StorageService storages;
    private final ScheduledJobs jobs;
    private final LockingTaskExecutor locks;
    private final Settings settings;
    private final List<java.util.function.Consumer<Instant>> alsoOnTick = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ScheduledExecutorService ticks =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("holdfast-scheduler").daemon().factory());

    PolicyScheduler(SystemContext system, PolicyRepository policies, Catalog catalog, StorageService storages, ScheduledJobs jobs,
                    LockProvider lockProvider, Settings settings) {
        this.system = system;
        this.policies = policies;
        this.catalog = catalog;
        this.storages = storages;
        this.jobs = jobs;
        this.locks = new DefaultLockingTaskExecutor(lockProvider);
        this.settings = settings;
    }

    /** Work of other features (mirrors, sequences) done in every tick, under the same cluster-wide lock. */
    public void alsoOnTick(java.util.function.Consumer<Instant> task) {
        alsoOnTick.add(task);
    }

    void start() {
        if (settings.enabled()) {
            long every = settings.tick().toMillis();
            ticks.scheduleAtFixedRate(() -> {
                try {
                    tickAt(now());
                } catch (RuntimeException e) {
                    log.warn("Scheduler tick failed, will try again: {}", e.getMessage(), e);
                }
            }, every, every, TimeUnit.MILLISECONDS);
            log.info("Backup scheduler started: a tick every {} s", settings.tick().toSeconds());
        }
    }

    /** The database's clock, which every node shares. */
    public Instant now() {
        return jobs.now();
    }

    /**
     * One tick as of {@code now} (the scheduler's own ticks pass the database's time; tests pass a test
     * clock's), under the cluster-wide lock: when another node holds it, nothing is done.
     */
    public TickReport tickAt(Instant now) {
        TickReport[] report = {TickReport.NOT_RUN};
        try {
            locks.executeWithLock((Runnable) () -> report[0] = tick(now),
                    new LockConfiguration(Instant.now(), LOCK, settings.lockAtMost(), settings.lockAtLeast()));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return report[0];
    }

    private TickReport tick(Instant now) {
        Map<Long, InstanceRef> instances = system.instances().visible().stream()
                .collect(Collectors.toMap(InstanceRef::id, Function.identity()));
        Map<Long, Policy> byId = policies.all().stream().collect(Collectors.toMap(Policy::id, Function.identity()));
        int enrolled = autoEnrol(instances, byId);
        Map<Long, Instant> lastSlots = jobs.lastSlots();
        Set<Long> busy = jobs.busyInstances();
        int queued = 0;
        int skipped = 0;
        int missed = 0;
        for (PolicyRepository.Attachment a : policies.attachmentList()) {
            InstanceRef instance = instances.get(a.instanceId());
            Policy policy = byId.get(a.policyId());
            if (instance == null || policy == null) {
                continue;
            }
            Instant from = later(later(lastSlots.get(instance.id()), a.attachedAt()), now.minus(LOOK_BACK));
            List<Slot> due = policy.schedule().between(from, now);
            if (due.isEmpty()) {
                continue;
            }
            for (Slot old : due.subList(0, due.size() - 1)) {
                if (jobs.missed(instance, policy.id(), old.at(), "Missed: no scheduler ran between this slot and the next "
                        + "(were all nodes stopped?)").isPresent()) {
                    missed++;
                }
            }
            Slot slot = due.getLast();
            if (slot.deadline().isBefore(now)) {
                missed += jobs.missed(instance, policy.id(), slot.at(), "Missed: the backup window closed at " + slot.deadline()
                        + " before the scheduler could queue it.").isPresent() ? 1 : 0;
            } else if (busy.contains(instance.id())) {
                skipped += jobs.skipped(instance, policy.id(), slot.at(), "Skipped: a backup or restore of " + instance.name()
                        + " was still waiting or running at this slot.").isPresent() ? 1 : 0;
            } else {
                Optional<Long> storage = storageFor(instance, policy);
                if (storage.isEmpty()) {
                    skipped += jobs.skipped(instance, policy.id(), slot.at(), "Skipped: hypervisor backup not enabled (no enabled "
                            + "storage for the hypervisor of " + instance.name() + ").").isPresent() ? 1 : 0;
                    continue;
                }
                int since = catalog.incrementalsSinceFull(instance.id(), storage.get(), policy.maxIncrementals() + 1);
                Plan plan = BackupPlanner.plan(slot.kind(), new ChainState(since >= 0, Math.max(since, 0), true), policy.maxIncrementals());
                if (jobs.backup(instance, storage.get(), plan.fullRead(), policy.allDisks(), policy.id(), slot.at(), slot.deadline(),
                        plan.reason() + " (policy " + policy.name() + ")").isPresent()) {
                    queued++;
                    busy.add(instance.id());
                }
            }
        }
        int verifies = verify(now, instances, byId);
        int gcs = gc(now);
        for (var task : alsoOnTick) {
            try {
                task.accept(now);
            } catch (RuntimeException e) {
                log.warn("Scheduler tick: {} failed, will try again: {}", task, e.getMessage(), e);
            }
        }
        TickReport report = new TickReport(true, queued, skipped, missed, enrolled, verifies, gcs);
        if (queued + skipped + missed + enrolled + verifies + gcs > 0) {
            log.info("Scheduler tick at {}: {}", now, report);
        }
        return report;
    }

    /**
     * A sequence's backup step: a backup now of each instance following the policy, a full read or an
     * incremental as its chain and the policy say. Instances without an enabled storage are named and left out.
     */
    public List<Long> backupStep(long policyId, long parentJobId, int step, io.holdfast.backup.job.JobQueue queue,
                                 java.util.function.Consumer<String> notes) {
        Policy policy = policies.find(policyId).orElseThrow(() -> new PolicyException("Policy #" + policyId + " no longer exists."));
        List<Long> queued = new java.util.ArrayList<>();
        for (long instanceId : policies.attached(policyId)) {
            Optional<InstanceRef> instance = system.instances().find(instanceId);
            if (instance.isEmpty()) {
                continue;
            }
            Optional<Long> storage = storageFor(instance.get(), policy);
            if (storage.isEmpty()) {
                notes.accept("Instance " + instance.get().name() + " left out: no enabled storage for its hypervisor");
                continue;
            }
            int since = catalog.incrementalsSinceFull(instanceId, storage.get(), policy.maxIncrementals() + 1);
            Plan plan = BackupPlanner.plan(io.holdfast.policy.schedule.SlotKind.INCREMENTAL,
                    new ChainState(since >= 0, Math.max(since, 0), true), policy.maxIncrementals());
            queued.add(queue.backupStep(instance.get(), storage.get(), plan.fullRead(), policy.allDisks(), policyId, parentJobId, step,
                    "Queued by sequence run #" + parentJobId + " (step " + (step + 1) + "): " + plan.reason() + " (policy "
                            + policy.name() + ")"));
        }
        return queued;
    }

    /** Instances seen for the first time follow the auto-enrol policy, if there is one. */
    private int autoEnrol(Map<Long, InstanceRef> instances, Map<Long, Policy> byId) {
        Set<Long> seen = policies.seen();
        Optional<Policy> auto = byId.values().stream().filter(Policy::autoEnrol).min(java.util.Comparator.comparing(Policy::name));
        Map<Long, Long> attached = policies.attachments();
        int enrolled = 0;
        for (InstanceRef i : instances.values()) {
            if (!seen.contains(i.id()) && policies.firstSeen(i.id()) && auto.isPresent() && !attached.containsKey(i.id())) {
                policies.attach(i.id(), auto.get().id(), "auto-enrol");
                enrolled++;
                log.info("Instance {} enrolled in policy {} (auto-enrol)", i.name(), auto.get().name());
            }
        }
        return enrolled;
    }

    private Optional<Long> storageFor(InstanceRef instance, Policy policy) {
        try {
            return Optional.of(storages.storageForBackup(instance.hypervisorId(), policy.storageId()));
        } catch (StorageException e) {
            return Optional.empty();
        }
    }

    /** Snapshots of attached instances not verified for their policy's N days. */
    private int verify(Instant now, Map<Long, InstanceRef> instances, Map<Long, Policy> byId) {
        Map<Long, Long> attached = policies.attachments();
        int queued = 0;
        for (Policy p : byId.values()) {
            if (p.verifyAfterDays() == null) {
                continue;
            }
            for (SnapshotEntry s : catalog.unverifiedSince(now.minus(Duration.ofDays(p.verifyAfterDays())), 200)) {
                InstanceRef i = instances.get(s.instanceId());
                if (queued >= VERIFY_PER_TICK || i == null || !Long.valueOf(p.id()).equals(attached.get(i.id()))) {
                    continue;
                }
                if (jobs.verify(s, i, "not verified for " + p.verifyAfterDays() + " days (policy " + p.name() + ")").isPresent()) {
                    queued++;
                }
            }
        }
        return queued;
    }

    /** Every storage holding snapshots gets a gc every few days. */
    private int gc(Instant now) {
        int queued = 0;
        for (Catalog.Usage u : catalog.usageByStorage()) {
            Optional<Instant> last = policies.lastGc(u.key());
            if (last.isEmpty()) {
                policies.gcQueued(u.key(), now); // the first gc comes a period after the storage's first tick
            } else if (last.get().isBefore(now.minus(Duration.ofDays(settings.gcEveryDays())))) {
                jobs.gc(u.key(), "the last gc was queued at " + last.get() + " (every " + settings.gcEveryDays() + " days)");
                policies.gcQueued(u.key(), now);
                queued++;
            }
        }
        return queued;
    }

    /** After a backup of an instance that follows a policy: retention for that instance in that storage. */
    void afterJob(Job job) {
        if (job.kind() != JobKind.BACKUP || job.instanceId() == null || job.storageId() == null) {
            return;
        }
        Optional<Policy> policy = policies.policyOf(job.instanceId()).flatMap(policies::find);
        Optional<InstanceRef> instance = system.instances().find(job.instanceId());
        if (policy.isEmpty() || instance.isEmpty()) {
            return;
        }
        List<SnapshotEntry> snapshots = catalog.inStorage(job.instanceId(), job.storageId());
        Map<String, SnapshotEntry> byId = new HashMap<>();
        snapshots.forEach(s -> byId.put(Long.toString(s.id()), s));
        for (RetentionDecision d : PolicyService.decide(policy.get(), snapshots)) {
            if (!d.keep()) {
                jobs.delete(byId.get(d.backupId()), instance.get(), policy.get().id(), d.reason() + " (" + policy.get().retention().describe()
                        + ")");
            }
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    @Override
    public void close() {
        ticks.shutdownNow();
    }
}
