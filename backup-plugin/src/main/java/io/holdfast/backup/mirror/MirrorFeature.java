package io.holdfast.backup.mirror;

import io.holdfast.backup.bridge.Bridges;
import io.holdfast.backup.catalog.Catalog;
import io.holdfast.backup.job.JobEngine;
import io.holdfast.backup.job.JobKind;
import io.holdfast.backup.job.JobQueue;
import io.holdfast.backup.policy.PolicyEngine;
import io.holdfast.backup.storage.StorageService;
import io.holdfast.plugin.api.PluginContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.Map;

/** Wires mirrors: the admin's service, the job kind, and their schedule in the scheduler's tick. */
public final class MirrorFeature {

    private final MirrorRepository repository;
    private final MirrorService service;
    private final JobQueue queue;

    public MirrorFeature(PluginContext context, JdbcClient jdbc, Catalog catalog, StorageService storages, JobEngine jobs, Bridges bridges,
                         PolicyEngine policies) {
        this.repository = new MirrorRepository(jdbc);
        this.queue = jobs.queue();
        this.service = new MirrorService(context, repository, storages, policies, queue);
        jobs.register(JobKind.MIRROR, new MirrorRun(repository, catalog, bridges, context.system("mirror jobs"), queue, policies));
        policies.scheduler().alsoOnTick(this::tick);
    }

    public MirrorService service() {
        return service;
    }

    /** A mirror by id, for background work (a sequence's step); no caller is checked. */
    public java.util.Optional<Mirror> find(long id) {
        return repository.find(id);
    }

    /** Queues the latest due slot of each scheduled mirror, once (a run still going makes it wait for the next). */
    void tick(Instant now) {
        Map<Long, Instant> last = queue.lastSlots(JobQueue.Owner.MIRROR);
        for (Mirror m : repository.all()) {
            if (m.schedule() != null) {
                queue.runIfDue(JobQueue.Owner.MIRROR, m.id(), m.schedule(), repository.createdAt(m.id()).orElse(now), last.get(m.id()), now,
                        JobKind.MIRROR, m.destinationStorageId(), "mirror " + m.name());
            }
        }
    }
}
