package io.holdfast.policy.retention;

import java.time.Instant;
import java.util.Objects;

/** What retention needs to know of one backup. */
public record BackupPoint(String id, Instant takenAt, boolean protectedByUser) {

    public BackupPoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(takenAt, "takenAt");
    }
}
