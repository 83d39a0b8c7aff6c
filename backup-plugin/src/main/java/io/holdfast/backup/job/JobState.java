package io.holdfast.backup.job;

/**
 * pending → running → succeeded / failed / cancelled; a scheduled job may also end as missed (its backup
 * window closed before it could start) or skipped (the instance was still busy at its slot).
 */
public enum JobState {
    PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED, MISSED, SKIPPED;

    public boolean finished() {
        return this != PENDING && this != RUNNING;
    }
}
