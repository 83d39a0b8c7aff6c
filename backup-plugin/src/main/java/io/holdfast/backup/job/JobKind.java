package io.holdfast.backup.job;

/** What a job does. Backups and restores of one instance never run at the same time. */
public enum JobKind {
    BACKUP, RESTORE, DELETE, VERIFY,
    /** Removes chunks no snapshot uses from a storage (no instance). */
    GC;

    boolean exclusivePerInstance() {
        return this == BACKUP || this == RESTORE;
    }
}
