package io.holdfast.policy.retention;

import java.time.Instant;
import java.util.Objects;

/**
 * What retention needs to know of one backup.
 *
 * @param protectedByUser never removed
 * @param complete        false while the backup is still being written: it neither counts nor is removed
 * @param manual          made by hand rather than by the schedule (rules with manual slots treat these apart)
 */
public record BackupPoint(String id, Instant takenAt, boolean protectedByUser, boolean complete, boolean manual) {

    public BackupPoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(takenAt, "takenAt");
    }

    /** A complete, scheduled backup. */
    public BackupPoint(String id, Instant takenAt, boolean protectedByUser) {
        this(id, takenAt, protectedByUser, true, false);
    }
}
