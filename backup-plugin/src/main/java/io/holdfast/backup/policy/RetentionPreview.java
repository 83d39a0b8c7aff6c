package io.holdfast.backup.policy;

import io.holdfast.policy.retention.BackupPoint;
import io.holdfast.policy.retention.GfsRetention;
import io.holdfast.policy.retention.RetentionDecision;
import io.holdfast.policy.schedule.Slot;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a policy's retention would do: to the real backups of the instances attached to it, and to a year of
 * backups made by its own schedule.
 */
public record RetentionPreview(List<InstancePreview> instances, List<RetentionDecision> simulatedYear) {

    /** One attached instance's backups, each with its decision (ids are catalog ids). */
    public record InstancePreview(String instance, List<RetentionDecision> decisions) {
    }

    /** Backups at every slot of the past year, decided as of {@code now}; ids are the slots' times. */
    static List<RetentionDecision> simulatedYear(Policy policy, Instant now) {
        List<Slot> slots = policy.schedule().between(now.minus(Duration.ofDays(365)), now);
        List<BackupPoint> points = slots.stream().map(s -> new BackupPoint(s.at().toString(), s.at(), false)).toList();
        return new GfsRetention(policy.retention()).decide(points);
    }

    public long keptInYear() {
        return simulatedYear.stream().filter(RetentionDecision::keep).count();
    }
}
