package io.holdfast.backup.job;

import io.holdfast.bridge.agent.BridgeException;
import io.holdfast.backup.secret.SecretException;
import io.holdfast.backup.storage.StorageException;
import io.holdfast.backup.storage.StorageService;
import io.holdfast.bridge.progress.Cancellation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.holdfast.backup.database.LockRetry;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One node's job runner. Several nodes may share one MariaDB: a node claims pending jobs in a transaction
 * that first locks the dispatch row (so every node counts the caps on the same view) and takes the rows
 * with {@code FOR UPDATE SKIP LOCKED}. Caps: per hypervisor, per storage ({@code parallel_jobs}), and one
 * backup or restore per instance. A running job's node beats every few seconds; a job whose node has not
 * beaten for the stale limit — or that this node ran before it restarted — is failed with its reason and
 * the bridge cleans up what it left.
 */
public final class JobRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    private static final int CLAIM_WINDOW = 200;

    /**
     * @param workers          jobs this node runs at once
     * @param perHypervisor    jobs at once per hypervisor, across nodes
     * @param staleAfter       a running job whose node has not beaten for this long is failed
     */
    public record Settings(String node, int workers, int perHypervisor, Duration staleAfter, Duration heartbeat) {
    }

    private final JobRepository repository;
    private final TransactionTemplate tx;
    private final JobExecutor executor;
    private final StorageService storages;
    private final Settings settings;
    private final Map<Long, Cancellation> running = new ConcurrentHashMap<>();
    private final Semaphore freeWorkers;
    private final ExecutorService workers;
    private final ExecutorService coordinators = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("holdfast-sequence-", 1).factory());
    private final ScheduledExecutorService ticks;
    private final Object dispatchSignal = new Object();
    private final List<java.util.function.Consumer<Job>> succeeded = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile java.util.function.ToIntFunction<Long> policyCaps = id -> Integer.MAX_VALUE;

    /** Called (on the job's worker) after a job succeeded, e.g. to apply retention after a backup. */
    void onSucceeded(java.util.function.Consumer<Job> listener) {
        succeeded.add(listener);
    }

    /** How many jobs of a policy may run at once. */
    void policyCaps(java.util.function.ToIntFunction<Long> caps) {
        this.policyCaps = caps;
    }

    private final JobMetrics metrics;

    JobRunner(JobRepository repository, TransactionTemplate tx, JobExecutor executor, StorageService storages, Settings settings,
              JobMetrics metrics) {
        this.metrics = metrics;
        this.repository = repository;
        this.tx = tx;
        this.executor = executor;
        this.storages = storages;
        this.settings = settings;
        this.freeWorkers = new Semaphore(settings.workers());
        this.workers = Executors.newFixedThreadPool(settings.workers(), Thread.ofPlatform().name("holdfast-job-", 1).daemon().factory());
        this.ticks = Executors.newScheduledThreadPool(2, Thread.ofPlatform().name("holdfast-jobs-tick-", 1).daemon().factory());
    }

    void start() {
        reap(true);
        ticks.scheduleWithFixedDelay(() -> guarded("dispatch", this::dispatchLoop), 0, 1, TimeUnit.SECONDS);
        long beat = settings.heartbeat().toMillis();
        ticks.scheduleWithFixedDelay(() -> guarded("heartbeat", this::heartbeat), beat, beat, TimeUnit.MILLISECONDS);
        ticks.scheduleWithFixedDelay(() -> guarded("reaper", () -> reap(false)), beat * 2, beat * 2, TimeUnit.MILLISECONDS);
        log.info("Job runner '{}' started: {} workers, {} jobs per hypervisor, stale after {} s", settings.node(),
                settings.workers(), settings.perHypervisor(), settings.staleAfter().toSeconds());
    }

    /** Asks the dispatcher to look at the queue now (a job was just queued). */
    void wake() {
        synchronized (dispatchSignal) {
            dispatchSignal.notifyAll();
        }
    }

    private void dispatchLoop() {
        // runs on one tick thread for ever; waits up to a second between looks, or until woken
        while (!ticks.isShutdown()) {
            while (freeWorkers.tryAcquire()) {
                Optional<Job> claimed;
                try {
                    claimed = claim();
                } catch (RuntimeException e) {
                    freeWorkers.release();
                    throw e;
                }
                if (claimed.isEmpty()) {
                    freeWorkers.release();
                    break;
                }
                Job job = claimed.get();
                if (job.kind().coordinates()) {
                    // a sequence's run waits for its steps' jobs: it must not hold a worker they need
                    freeWorkers.release();
                    coordinators.execute(() -> {
                        try {
                            execute(job);
                        } finally {
                            wake();
                        }
                    });
                    continue;
                }
                workers.execute(() -> {
                    try {
                        execute(job);
                    } finally {
                        freeWorkers.release();
                        wake();
                    }
                });
            }
            synchronized (dispatchSignal) {
                try {
                    dispatchSignal.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Takes the oldest pending job that no cap holds back, or nothing. */
    Optional<Job> claim() {
        // a claim that lost a lock conflict was rolled back whole: it runs again from the start
        return Optional.ofNullable(LockRetry.call(() -> tx.execute(status -> {
            repository.lockDispatch();
            List<Job> pending = repository.pending(CLAIM_WINDOW);
            if (pending.isEmpty()) {
                return null;
            }
            java.time.Instant now = repository.now();
            List<Job> active = repository.running();
            Map<Long, Integer> perHypervisor = new HashMap<>();
            Map<Long, Integer> perStorage = new HashMap<>();
            Set<Long> busyInstances = new HashSet<>();
            for (Job r : active) {
                count(perHypervisor, r.hypervisorId());
                count(perStorage, r.storageId());
                if (r.kind().exclusivePerInstance()) {
                    busyInstances.addAll(instancesOf(r));
                }
            }
            Map<Long, Integer> storageCaps = new HashMap<>();
            Map<Long, Integer> perPolicy = new HashMap<>();
            Map<Long, Integer> policyCapCache = new HashMap<>();
            for (Job r : active) {
                count(perPolicy, r.policyId());
            }
            for (Job candidate : pending) {
                if (candidate.deadline() != null && candidate.deadline().isBefore(now)) {
                    missed(candidate);
                    continue;
                }
                boolean exclusive = candidate.kind().exclusivePerInstance();
                List<Long> instances = instancesOf(candidate);
                boolean instanceFree = !exclusive || instances.stream().noneMatch(busyInstances::contains);
                if (exclusive) {
                    busyInstances.addAll(instances); // keeps an instance's jobs in order: a later one never overtakes
                }
                if (!instanceFree || !prerequisiteMet(candidate)) {
                    continue;
                }
                if (candidate.hypervisorId() != null && perHypervisor.getOrDefault(candidate.hypervisorId(), 0) >= settings.perHypervisor()) {
                    continue;
                }
                if (candidate.policyId() != null
                        && perPolicy.getOrDefault(candidate.policyId(), 0) >= policyCapCache.computeIfAbsent(candidate.policyId(), policyCaps::applyAsInt)) {
                    continue;
                }
                if (candidate.storageId() != null) {
                    int cap = storageCaps.computeIfAbsent(candidate.storageId(),
                            id -> storages.cap(id).map(StorageService.StorageCap::parallelJobs).orElse(1));
                    if (perStorage.getOrDefault(candidate.storageId(), 0) >= cap) {
                        continue;
                    }
                }
                repository.markRunning(candidate.id(), settings.node());
                return candidate;
            }
            return null;
        })));
    }

    private void missed(Job job) {
        String reason = "Missed: the backup window closed at " + job.deadline() + " before a slot was free to start it.";
        if (repository.finish(job.id(), JobState.MISSED, reason, null)) {
            new JobLog(repository, job.id()).warn(reason);
            log.info("Job {} ({}) missed its window", job.id(), job.kind());
        }
    }

    /**
     * A job waiting for another (a restore after the backup of the current state) starts only once that one
     * succeeded; if it failed or was cancelled, the waiting job is failed without touching anything.
     */
    private boolean prerequisiteMet(Job candidate) {
        if (candidate.afterJob() == null) {
            return true;
        }
        JobState before = repository.state(candidate.afterJob()).orElse(JobState.FAILED);
        if (before == JobState.SUCCEEDED) {
            return true;
        }
        if (before.finished()) {
            String reason = "Not started: job " + candidate.afterJob() + " (the backup of the current state, made first) ended "
                    + before.name().toLowerCase() + ", so nothing was restored and the disk is as it was.";
            if (repository.finish(candidate.id(), JobState.FAILED, reason, null)) {
                new JobLog(repository, candidate.id()).error(reason);
            }
        }
        return false;
    }

    private static List<Long> instancesOf(Job job) {
        if (job.instanceId() == null) {
            return List.of();
        }
        return job.params().targetInstanceId() == null ? List.of(job.instanceId()) : List.of(job.instanceId(), job.params().targetInstanceId());
    }

    private static void count(Map<Long, Integer> counts, Long key) {
        if (key != null) {
            counts.merge(key, 1, Integer::sum);
        }
    }

    private void execute(Job job) {
        JobLog taskLog = new JobLog(repository, job.id());
        Cancellation cancel = new Cancellation();
        running.put(job.id(), cancel);
        long started = System.nanoTime();
        JobState ended = JobState.FAILED;
        try {
            taskLog.step("Job " + job.id() + " (" + job.kind().name().toLowerCase() + ") started on node " + settings.node()
                    + ", requested by " + job.requestedBy());
            Long snapshot = executor.run(job, taskLog, cancel);
            cancel.check();
            // the last line is written before the row ends, so the task log's span lies within the job's run
            taskLog.step("Succeeded in " + seconds(started));
            ended = JobState.SUCCEEDED;
            if (!repository.finish(job.id(), JobState.SUCCEEDED, null, snapshot)) {
                taskLog.warn("The job had already been ended meanwhile (its node was taken for dead); its result stands in the catalog");
            } else {
                for (var listener : succeeded) {
                    try {
                        listener.accept(job);
                    } catch (RuntimeException e) {
                        log.warn("After job {}: {}", job.id(), e.getMessage(), e);
                    }
                }
            }
        } catch (Cancellation.Cancelled e) {
            taskLog.warn("Cancelled after " + seconds(started) + "; what the job had begun was undone");
            ended = JobState.CANCELLED;
            repository.finish(job.id(), JobState.CANCELLED, "Cancelled.", null);
        } catch (BridgeException | StorageException | SecretException e) {
            String reason = taskLog.redacted(e.getMessage());
            taskLog.error("Failed after " + seconds(started) + ": " + reason);
            repository.finish(job.id(), JobState.FAILED, reason, null);
            log.info("Job {} ({}) failed: {}", job.id(), job.kind(), reason);
        } catch (RuntimeException | Error e) {
            String reason = "An unexpected error stopped the job: " + e.getClass().getSimpleName();
            taskLog.error(reason + (e.getMessage() == null ? "" : " (" + taskLog.redacted(e.getMessage()) + ")"));
            repository.finish(job.id(), JobState.FAILED, reason + ". The task log has the detail.", null);
            log.error("Job {} ({}) failed unexpectedly", job.id(), job.kind(), e);
        } finally {
            running.remove(job.id());
            metrics.finished(job.kind(), ended, java.time.Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private void heartbeat() {
        repository.heartbeat(settings.node(), List.copyOf(running.keySet()));
        for (Long id : repository.cancelRequested(settings.node())) {
            Cancellation c = running.get(id);
            if (c != null && !c.isCancelled()) {
                c.cancel();
            }
        }
    }

    /** Fails jobs whose node died; at start also this node's own jobs from before its restart. */
    private void reap(boolean atStart) {
        List<Job> stale = repository.stale((int) settings.staleAfter().toSeconds(), atStart ? settings.node() : "\u0000");
        for (Job job : stale) {
            if (running.containsKey(job.id())) {
                continue;
            }
            String reason = atStart && settings.node().equals(job.node())
                    ? "The node running this job (" + job.node() + ") was restarted while it ran; the job was failed."
                    : "The node running this job (" + job.node() + ") stopped answering (no heartbeat for "
                    + settings.staleAfter().toSeconds() + " s); the job was failed.";
            if (!repository.finish(job.id(), JobState.FAILED, reason, null)) {
                continue;
            }
            JobLog taskLog = new JobLog(repository, job.id());
            taskLog.error(reason);
            log.warn("Job {} failed: {}", job.id(), reason);
            try {
                executor.recover(job, taskLog);
                taskLog.step("Cleanup after the dead runner finished; no snapshot of this job was committed");
                requeueIfSlotOpen(job, taskLog);
            } catch (RuntimeException e) {
                taskLog.warn("Cleanup after the dead runner failed: " + taskLog.redacted(String.valueOf(e.getMessage())));
            }
        }
    }

    /**
     * A scheduled backup whose node died is not lost: cleaned up, it waits again in the queue (the same row, so
     * the slot still has exactly one job) while its window is open.
     */
    private void requeueIfSlotOpen(Job job, JobLog taskLog) {
        if (job.kind() != JobKind.BACKUP || !job.scheduled()) {
            return;
        }
        java.time.Instant now = repository.now();
        if (job.deadline() != null && !job.deadline().isAfter(now)) {
            taskLog.warn("Not queued again: the slot's window closed at " + job.deadline());
            return;
        }
        if (repository.requeue(job.id())) {
            taskLog.step("Queued again for its slot (its window is still open) after its node died");
            log.info("Scheduled job {} queued again after its node died", job.id());
            wake();
        }
    }

    /** Cancels a running job of this node at once (others are told through the database). */
    void cancelLocal(long jobId) {
        Cancellation c = running.get(jobId);
        if (c != null) {
            c.cancel();
        }
    }

    private static String seconds(long startedNanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }

    private static void guarded(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("Job runner {} failed, will try again: {}", what, e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        ticks.shutdownNow();
        running.values().forEach(Cancellation::cancel);
        workers.shutdown();
        coordinators.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
