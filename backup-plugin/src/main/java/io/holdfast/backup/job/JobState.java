package io.holdfast.backup.job;

/** pending → running → succeeded / failed / cancelled. */
public enum JobState {
    PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
