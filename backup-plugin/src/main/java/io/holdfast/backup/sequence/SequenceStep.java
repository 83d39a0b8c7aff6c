package io.holdfast.backup.sequence;

import java.util.Objects;

/**
 * One step of a sequence.
 *
 * @param targetId the policy (BACKUP), the mirror (MIRROR) or the storage (VERIFY, GC)
 */
public record SequenceStep(Kind kind, long targetId) {

    /** What a step does. */
    public enum Kind {
        /** Backups of every instance following a policy, each a full read or incremental as its chain says. */
        BACKUP,
        /** A mirror's run. */
        MIRROR,
        /** Verify every snapshot in a storage. */
        VERIFY,
        /** Garbage collection of a storage. */
        GC
    }

    public SequenceStep {
        Objects.requireNonNull(kind, "kind");
    }
}
