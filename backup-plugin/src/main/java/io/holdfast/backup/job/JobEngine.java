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

    public JobEngine(PluginContext context, JdbcClient jdbc, TransactionTemplate tx, StorageService storages, Catalog catalog,
                     Bridges bridges, JobRunner.Settings settings) {
        JobRepository repository = new JobRepository(jdbc);
        JobExecutor executor = new JobExecutor(context.system("the backup job runner"), storages, catalog, bridges);
        this.runner = new JobRunner(repository, tx, executor, storages, settings);
        this.service = new BackupService(context, repository, catalog, storages, runner);
        this.administration = new JobAdministration(context, repository, catalog, storages, runner);
        this.feed = new JobFeed(repository);
    }

    public JobAdministration administration() {
        return administration;
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
