package io.holdfast.policy.schedule;

import java.time.Instant;

/**
 * A scheduled backup.
 *
 * @param deadline the job must have started by then, or it is missed (the end of the backup window)
 */
public record Slot(Instant at, SlotKind kind, Instant deadline) {
}
