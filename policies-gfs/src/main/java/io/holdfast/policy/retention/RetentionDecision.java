package io.holdfast.policy.retention;

/** Whether one backup is kept or pruned, and why, in words an admin can read in the task log. */
public record RetentionDecision(String backupId, boolean keep, String reason) {
}
