package io.holdfast.backup.policy;

import io.holdfast.backup.catalog.Catalog;
import io.holdfast.backup.job.JobEngine;
import io.holdfast.backup.storage.StorageService;
import io.holdfast.plugin.api.PluginContext;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/** Wires the policy feature: its service, the scheduler of this node, retention after each backup. */
public final class PolicyEngine implements AutoCloseable {

    private final PolicyService service;
    private final PolicyScheduler scheduler;
    private final PolicyRepository repository;

    public PolicyEngine(PluginContext context, org.springframework.jdbc.core.simple.JdbcClient jdbc, Catalog catalog,
                        StorageService storages, JobEngine jobs, PolicyScheduler.Settings settings) {
        this.repository = new PolicyRepository(jdbc);
        JdbcTemplateLockProvider locks = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(context.dataSource()))
                .withTableName("backup_shedlock")
                .usingDbTime()
                .build());
        this.scheduler = new PolicyScheduler(context.system("the backup scheduler"), repository, catalog, storages, jobs.scheduled(),
                locks, settings);
        this.service = new PolicyService(context, repository, catalog, jobs.service(), scheduler);
        jobs.onSucceeded(scheduler::afterJob);
        jobs.policyCaps(id -> id == null ? Integer.MAX_VALUE : repository.find(id).map(Policy::concurrency).orElse(Integer.MAX_VALUE));
    }

    public void start() {
        scheduler.start();
    }

    public PolicyService service() {
        return service;
    }

    public PolicyScheduler scheduler() {
        return scheduler;
    }

    /** The instances following a policy, for background work (mirrors, sequences); no caller is checked. */
    public List<Long> attachedInstances(long policyId) {
        return repository.attached(policyId);
    }

    /** A policy by id, for background work; no caller is checked. */
    public java.util.Optional<Policy> policy(long id) {
        return repository.find(id);
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
