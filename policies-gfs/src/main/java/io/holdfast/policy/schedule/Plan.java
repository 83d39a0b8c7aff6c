package io.holdfast.policy.schedule;

/** What a scheduled backup reads, and why (said in the job's task log). */
public record Plan(boolean fullRead, String reason) {
}
