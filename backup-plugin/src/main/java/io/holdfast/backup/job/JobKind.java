package io.holdfast.backup.job;

/** What a job does. Backups and restores of one instance never run at the same time. */
public enum JobKind {
    BACKUP, RESTORE, DELETE, VERIFY;

    boolean exclusivePerInstance() {
        return this == BACKUP || this == RESTORE;
    }
}
