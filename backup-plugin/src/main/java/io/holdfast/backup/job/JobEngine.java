package io.holdfast.backup.job;

import io.holdfast.backup.bridge.Bridges;
import io.holdfast.backup.catalog.Catalog;
import io.holdfast.backup.storage.StorageService;
import io.holdfast.plugin.api.PluginContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the job feature: the runner of this node and the service the views call. Close it to stop the runner. */
public final class JobEngine implements AutoCloseable {

    private final JobRunner runner;
    private final BackupService service;
    private final JobAdministration administration;
    private final JobFeed feed;
    private final ScheduledJobs scheduled;
    private final JobQueue queue;
    private final JobExecutor executor;

    public JobEngine(PluginContext context, JdbcClient jdbc, TransactionTemplate tx, StorageService storages, Catalog catalog,
                     Bridges bridges, JobRunner.Settings settings) {
        JobRepository repository = new JobRepository(jdbc);
        JobMetrics metrics = new JobMetrics(jdbc);
        context.metrics().register(metrics);
        this.executor = new JobExecutor(context.system("the backup job runner"), storages, catalog, bridges, metrics);
        this.runner = new JobRunner(repository, tx, executor, storages, settings, metrics);
        this.service = new BackupService(context, repository, catalog, storages, runner);
        this.administration = new JobAdministration(context, repository, catalog, storages, runner);
        this.feed = new JobFeed(repository);
        this.scheduled = new ScheduledJobs(repository, runner);
        this.queue = new JobQueue(repository, runner);
    }

    /** Another feature's job kind: what running one does. */
    public void register(JobKind kind, JobWork work) {
        executor.register(kind, work);
    }

    public JobQueue queue() {
        return queue;
    }

    /** Called after each job that succeeded (on the job's worker thread). */
    public void onSucceeded(java.util.function.Consumer<Job> listener) {
        runner.onSucceeded(listener);
    }

    /** How many jobs of a policy may run at once (the policy's concurrency). */
    public void policyCaps(java.util.function.ToIntFunction<Long> caps) {
        runner.policyCaps(caps);
    }

    public JobAdministration administration() {
        return administration;
    }

    public ScheduledJobs scheduled() {
        return scheduled;
    }

    public JobFeed feed() {
        return feed;
    }

    public void start() {
        runner.start();
    }

    public BackupService service() {
        return service;
    }

    @Override
    public void close() {
        feed.close();
        runner.close();
    }
}
