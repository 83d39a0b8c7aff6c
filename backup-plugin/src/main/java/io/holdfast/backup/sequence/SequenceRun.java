package io.holdfast.backup.sequence;

import io.holdfast.bridge.agent.BridgeException;
import io.holdfast.backup.job.Job;
import io.holdfast.backup.job.JobKind;
import io.holdfast.backup.job.JobQueue;
import io.holdfast.backup.job.JobState;
import io.holdfast.backup.job.JobTask;
import io.holdfast.backup.job.JobWork;
import io.holdfast.backup.mirror.Mirror;
import io.holdfast.backup.mirror.MirrorFeature;
import io.holdfast.backup.policy.PolicyEngine;
import io.holdfast.backup.policy.PolicyException;
import io.holdfast.backup.storage.StorageService;
import io.holdfast.bridge.progress.Cancellation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A sequence's run, as the parent job of its steps: each step's jobs are queued (as children of this job, so
 * the Jobs page and the task log show them together), and the next step starts only when all of them have
 * ended. A failed step stops the rest, or not, as the sequence says. This job waits rather than works: the
 * runner runs it beside its workers, so its steps always find one.
 */
final class SequenceRun implements JobWork {

    private static final long POLL_MILLIS = 500;

    private final SequenceRepository sequences;
    private final JobQueue queue;
    private final PolicyEngine policies;
    private final MirrorFeature mirrors;
    private final StorageService storages;

    SequenceRun(SequenceRepository sequences, JobQueue queue, PolicyEngine policies, MirrorFeature mirrors, StorageService storages) {
        this.sequences = sequences;
        this.queue = queue;
        this.policies = policies;
        this.mirrors = mirrors;
        this.storages = storages;
    }

    @Override
    public Long run(Job job, JobTask task, Cancellation cancel) {
        Sequence sequence = Optional.ofNullable(job.sequenceId()).flatMap(sequences::find)
                .orElseThrow(() -> new BridgeException("The sequence of this job no longer exists."));
        List<SequenceStep> steps = sequence.steps();
        task.step("Sequence " + sequence.name() + ": " + steps.size() + " step(s), " + (sequence.stopOnFailure()
                ? "a failed step stops the rest" : "every step runs even after a failed one"));
        int failedSteps = 0;
        String firstFailure = null;
        for (int i = 0; i < steps.size(); i++) {
            String name = "Step " + (i + 1) + " of " + steps.size() + " (" + describe(steps.get(i)) + ")";
            String failure;
            try {
                failure = runStep(steps.get(i), i, job, task, name, cancel);
            } catch (Cancellation.Cancelled e) {
                cancelSteps(job, task);
                throw e;
            }
            if (failure == null) {
                continue;
            }
            failedSteps++;
            firstFailure = firstFailure == null ? name + " failed: " + failure : firstFailure;
            task.error(name + " failed: " + failure);
            if (sequence.stopOnFailure() && i + 1 < steps.size()) {
                task.warn("Stopped after step " + (i + 1) + ": steps " + (i + 2) + " to " + steps.size() + " were not run (stop on failure)");
                throw new BridgeException(name + " failed (" + failure + "); the remaining steps were not run.");
            }
        }
        if (failedSteps > 0) {
            throw new BridgeException(failedSteps + " step(s) failed; " + firstFailure);
        }
        task.step("Sequence " + sequence.name() + " done: every step succeeded");
        return null;
    }

    /** Queues a step's jobs and waits for them; returns null when all succeeded, else why not. */
    private String runStep(SequenceStep step, int index, Job parent, JobTask task, String name, Cancellation cancel) {
        List<Long> jobs = new ArrayList<>();
        try {
            switch (step.kind()) {
                case BACKUP -> jobs.addAll(policies.scheduler().backupStep(step.targetId(), parent.id(), index, queue, task::warn));
                case MIRROR -> {
                    Mirror m = mirrors.find(step.targetId())
                            .orElseThrow(() -> new SequenceException("mirror #" + step.targetId() + " no longer exists"));
                    jobs.add(queue.run(JobQueue.Owner.MIRROR, m.id(), JobKind.MIRROR, m.destinationStorageId(), null, parent.id(), index,
                            "sequence", "Queued by sequence run #" + parent.id() + " (step " + (index + 1) + ")").orElseThrow());
                }
                case VERIFY, GC -> {
                    if (storages.cap(step.targetId()).isEmpty()) {
                        throw new SequenceException("storage #" + step.targetId() + " no longer exists");
                    }
                    jobs.add(queue.storageStep(step.kind() == SequenceStep.Kind.VERIFY ? JobKind.VERIFY : JobKind.GC, step.targetId(),
                            parent.id(), index, "Queued by sequence run #" + parent.id() + " (step " + (index + 1) + ")"));
                }
            }
        } catch (SequenceException | PolicyException e) {
            return e.getMessage();
        }
        if (jobs.isEmpty()) {
            task.step(name + ": nothing to do (no instance follows the policy)");
            return null;
        }
        task.step(name + " begins: job(s) " + jobs.stream().map(id -> "#" + id).collect(Collectors.joining(", ")));
        List<Job> ended = await(jobs, cancel);
        List<Job> failed = ended.stream().filter(j -> j.state() != JobState.SUCCEEDED).toList();
        if (failed.isEmpty()) {
            task.step(name + " done: " + ended.size() + " job(s) succeeded");
            return null;
        }
        return failed.stream().map(j -> "job #" + j.id() + " " + j.state().name().toLowerCase()
                + (j.error() == null ? "" : ": " + j.error())).collect(Collectors.joining("; "));
    }

    private List<Job> await(List<Long> ids, Cancellation cancel) {
        while (true) {
            cancel.check();
            List<Job> jobs = ids.stream().map(queue::find).flatMap(Optional::stream).toList();
            if (jobs.stream().allMatch(j -> j.state() != JobState.PENDING && j.state() != JobState.RUNNING)) {
                return jobs;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Cancellation.Cancelled();
            }
        }
    }

    private void cancelSteps(Job parent, JobTask task) {
        for (Job child : queue.children(parent.id())) {
            if (child.state() == JobState.PENDING || child.state() == JobState.RUNNING) {
                queue.cancel(child.id());
                task.warn("Cancelled step job #" + child.id());
            }
        }
    }

    private String describe(SequenceStep step) {
        return switch (step.kind()) {
            case BACKUP -> "backups of policy " + policies.policy(step.targetId()).map(p -> p.name()).orElse("#" + step.targetId());
            case MIRROR -> "mirror " + mirrors.find(step.targetId()).map(Mirror::name).orElse("#" + step.targetId());
            case VERIFY -> "verify of storage " + storageName(step.targetId());
            case GC -> "gc of storage " + storageName(step.targetId());
        };
    }

    private String storageName(long id) {
        return storages.cap(id).map(StorageService.StorageCap::name).orElse("#" + id);
    }

    @Override
    public void recover(Job job, JobTask task) {
        // the steps' jobs are jobs of their own: the reaper fails and cleans up each; what is still waiting is cancelled
        cancelSteps(job, task);
    }
}
