package io.holdfast.backup.mirror;

import io.holdfast.backup.bridge.Bridges;
import io.holdfast.backup.catalog.Catalog;
import io.holdfast.backup.job.JobEngine;
import io.holdfast.backup.job.JobKind;
import io.holdfast.backup.job.JobQueue;
import io.holdfast.backup.policy.PolicyEngine;
import io.holdfast.backup.storage.StorageService;
import io.holdfast.plugin.api.PluginContext;
import io.holdfast.policy.schedule.Slot;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Wires mirrors: the admin's service, the job kind, and their schedule in the scheduler's tick. */
public final class MirrorFeature {

    /** How far back a tick looks for a due slot (as the policy scheduler does). */
    private static final Duration LOOK_BACK = Duration.ofDays(2);

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
            if (m.schedule() == null) {
                continue;
            }
            Instant from = latest(last.get(m.id()), repository.createdAt(m.id()).orElse(now), now.minus(LOOK_BACK));
            List<Slot> due = m.schedule().between(from, now);
            if (due.isEmpty() || queue.active(JobQueue.Owner.MIRROR, m.id())) {
                continue;
            }
            Slot slot = due.getLast();
            queue.run(JobQueue.Owner.MIRROR, m.id(), JobKind.MIRROR, m.destinationStorageId(), slot.at(), null, null, "scheduler",
                    "Queued by the schedule of mirror " + m.name() + " for its slot at " + slot.at());
        }
    }

    private static Instant latest(Instant... times) {
        Instant best = null;
        for (Instant t : times) {
            if (t != null && (best == null || t.isAfter(best))) {
                best = t;
            }
        }
        return best;
    }
}
