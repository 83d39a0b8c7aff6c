package io.holdfast.backup.sequence;

import io.holdfast.backup.job.JobEngine;
import io.holdfast.backup.job.JobKind;
import io.holdfast.backup.job.JobQueue;
import io.holdfast.backup.mirror.MirrorFeature;
import io.holdfast.backup.policy.PolicyEngine;
import io.holdfast.backup.storage.StorageService;
import io.holdfast.plugin.api.PluginContext;
import io.holdfast.policy.schedule.Slot;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Wires backup sequences: the admin's service, the job kind, and their schedule in the scheduler's tick. */
public final class SequenceFeature {

    private static final Duration LOOK_BACK = Duration.ofDays(2);

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
            if (s.schedule() == null) {
                continue;
            }
            Instant from = latest(last.get(s.id()), repository.createdAt(s.id()).orElse(now), now.minus(LOOK_BACK));
            List<Slot> due = s.schedule().between(from, now);
            if (due.isEmpty() || queue.active(JobQueue.Owner.SEQUENCE, s.id())) {
                continue;
            }
            Slot slot = due.getLast();
            queue.run(JobQueue.Owner.SEQUENCE, s.id(), JobKind.SEQUENCE, null, slot.at(), null, null, "scheduler",
                    "Queued by the schedule of sequence " + s.name() + " for its slot at " + slot.at());
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
