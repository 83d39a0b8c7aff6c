package io.holdfast.backup.sequence;

import io.holdfast.backup.job.JobEngine;
import io.holdfast.backup.job.JobKind;
import io.holdfast.backup.job.JobQueue;
import io.holdfast.backup.mirror.MirrorFeature;
import io.holdfast.backup.policy.PolicyEngine;
import io.holdfast.backup.storage.StorageService;
import io.holdfast.plugin.api.PluginContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.Map;

/** Wires backup sequences: the admin's service, the job kind, and their schedule in the scheduler's tick. */
public final class SequenceFeature {

    private final SequenceRepository repository;
    private final SequenceService service;
    private final JobQueue queue;

    public SequenceFeature(PluginContext context, JdbcClient jdbc, JobEngine jobs, PolicyEngine policies, MirrorFeature mirrors,
                           StorageService storages) {
        this.repository = new SequenceRepository(jdbc);
        this.queue = jobs.queue();
        this.service = new SequenceService(context, repository, queue, policies, mirrors, storages);
        jobs.register(JobKind.SEQUENCE, new SequenceRun(repository, queue, policies, mirrors, storages));
        policies.scheduler().alsoOnTick(this::tick);
    }

    public SequenceService service() {
        return service;
    }

    /** Queues the latest due slot of each scheduled sequence, once; a run still going makes it wait for the next. */
    void tick(Instant now) {
        Map<Long, Instant> last = queue.lastSlots(JobQueue.Owner.SEQUENCE);
        for (Sequence s : repository.all()) {
            if (s.schedule() != null) {
                queue.runIfDue(JobQueue.Owner.SEQUENCE, s.id(), s.schedule(), repository.createdAt(s.id()).orElse(now), last.get(s.id()),
                        now, JobKind.SEQUENCE, null, "sequence " + s.name());
            }
        }
    }
}
