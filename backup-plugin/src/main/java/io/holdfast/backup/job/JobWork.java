package io.holdfast.backup.job;

import io.holdfast.bridge.progress.Cancellation;

/**
 * What another feature's job kind does (a mirror, a sequence's run): the job feature claims, runs, logs and
 * ends it like its own kinds. Failures are thrown as {@link io.holdfast.bridge.agent.BridgeException} (one
 * sentence for the UI; the detail goes to the task log).
 */
public interface JobWork {

    /** @return the catalog id of a snapshot the job made, or null */
    Long run(Job job, JobTask task, Cancellation cancel);

    /** Cleans up after a run whose node died (e.g. a marker it left in a datastore). */
    default void recover(Job job, JobTask task) {
    }
}
