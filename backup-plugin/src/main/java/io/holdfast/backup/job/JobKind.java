package io.holdfast.backup.job;

/** What a job does. Backups and restores of one instance never run at the same time. */
public enum JobKind {
    BACKUP, RESTORE, DELETE, VERIFY,
    /** Removes chunks no snapshot uses from a storage (no instance). */
    GC,
    /** Copies snapshots from one storage to another (an offsite copy; no instance). */
    MIRROR,
    /** A backup sequence's run: its steps are jobs of their own, started one after the other. */
    SEQUENCE;

    /** Waits for other jobs rather than working itself: it runs beside the workers, never taking one. */
    boolean coordinates() {
        return this == SEQUENCE;
    }

    boolean exclusivePerInstance() {
        return this == BACKUP || this == RESTORE;
    }
}
