package io.holdfast.backup.sequence;

import io.holdfast.backup.job.Job;
import io.holdfast.backup.job.JobKind;
import io.holdfast.backup.job.JobQueue;
import io.holdfast.backup.mirror.MirrorFeature;
import io.holdfast.backup.policy.PolicyEngine;
import io.holdfast.backup.storage.StorageService;
import io.holdfast.plugin.api.PluginContext;
import io.holdfast.plugin.api.tenancy.UserRef;

import java.util.List;
import java.util.Optional;

/** Backup sequences as admins manage them. Every method refuses anyone but an admin, whatever the UI shows. */
public final class SequenceService {

    static final int MAX_STEPS = 20;

    private final PluginContext context;
    private final SequenceRepository repository;
    private final JobQueue queue;
    private final PolicyEngine policies;
    private final MirrorFeature mirrors;
    private final StorageService storages;

    SequenceService(PluginContext context, SequenceRepository repository, JobQueue queue, PolicyEngine policies, MirrorFeature mirrors,
                    StorageService storages) {
        this.context = context;
        this.repository = repository;
        this.queue = queue;
        this.policies = policies;
        this.mirrors = mirrors;
        this.storages = storages;
    }

    public List<Sequence> all() {
        admin();
        return repository.all();
    }

    public long create(Sequence sequence) {
        admin();
        check(sequence, 0);
        return repository.insert(sequence);
    }

    public void update(long id, Sequence sequence) {
        admin();
        existing(id);
        check(sequence, id);
        repository.update(id, sequence);
    }

    public void delete(long id) {
        admin();
        Sequence s = existing(id);
        if (queue.active(JobQueue.Owner.SEQUENCE, id)) {
            throw new SequenceException("Sequence " + s.name() + " is running: wait for it to end, or cancel it in Backup Jobs.");
        }
        repository.delete(id);
    }

    /** Queues a run now; refused while one waits or runs. Returns the run's (the parent) job id. */
    public long runNow(long id) {
        UserRef user = admin();
        Sequence s = existing(id);
        if (queue.active(JobQueue.Owner.SEQUENCE, id)) {
            throw new SequenceException("Sequence " + s.name() + " is already waiting or running.");
        }
        return queue.run(JobQueue.Owner.SEQUENCE, id, JobKind.SEQUENCE, null, null, null, null, user.username(),
                "Queued by " + user.username() + " (run now)").orElseThrow();
    }

    public Optional<Job> lastRun(long id) {
        admin();
        return queue.latest(JobQueue.Owner.SEQUENCE, id, 1).stream().findFirst();
    }

    /** A run's step jobs, oldest first. */
    public List<Job> steps(long runJobId) {
        admin();
        return queue.children(runJobId);
    }

    private void check(Sequence s, long id) {
        if (s.name() == null || s.name().isBlank() || s.name().length() > 100) {
            throw new SequenceException("Give the sequence a name (at most 100 characters).");
        }
        if (repository.nameTaken(s.name().strip(), id)) {
            throw new SequenceException("Another sequence is already named " + s.name().strip() + ".");
        }
        if (s.steps().isEmpty()) {
            throw new SequenceException("Add at least one step.");
        }
        if (s.steps().size() > MAX_STEPS) {
            throw new SequenceException("A sequence has at most " + MAX_STEPS + " steps.");
        }
        for (int i = 0; i < s.steps().size(); i++) {
            SequenceStep step = s.steps().get(i);
            boolean exists = switch (step.kind()) {
                case BACKUP -> policies.policy(step.targetId()).isPresent();
                case MIRROR -> mirrors.find(step.targetId()).isPresent();
                case VERIFY, GC -> storages.cap(step.targetId()).isPresent();
            };
            if (!exists) {
                throw new SequenceException("Step " + (i + 1) + " names a " + step.kind().name().toLowerCase()
                        + " target that does not exist: choose it again.");
            }
        }
    }

    private Sequence existing(long id) {
        return repository.find(id).orElseThrow(() -> SequenceException.notFound("That sequence does not exist."));
    }

    private UserRef admin() {
        UserRef user = context.currentUser().get().orElseThrow(() -> new SequenceException("Log in first."));
        if (!user.admin()) {
            throw new SequenceException("Only an admin manages sequences.");
        }
        return user;
    }
}
