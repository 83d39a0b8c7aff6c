package io.holdfast.backup.job;

import java.time.Instant;

/** One line of a job's task log: a step, a libvirt call or command, a warning or the error. */
public record TaskLine(Instant at, String level, String message, Long durationMillis) {
}
