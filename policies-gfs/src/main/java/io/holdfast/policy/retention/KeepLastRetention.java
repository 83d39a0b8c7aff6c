package io.holdfast.policy.retention;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The simplest retention: keep the newest {@code count} backups, and every protected one. GFS buckets
 * will refine this; the rule that a protected backup is never pruned stays.
 */
public final class KeepLastRetention {

    private final int count;

    public KeepLastRetention(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("keep-last must be at least 1, was " + count);
        }
        this.count = count;
    }

    /** One decision per backup, newest first. */
    public List<RetentionDecision> decide(List<BackupPoint> backups) {
        List<BackupPoint> newestFirst = new ArrayList<>(backups);
        newestFirst.sort(Comparator.comparing(BackupPoint::takenAt).reversed().thenComparing(BackupPoint::id));
        List<RetentionDecision> decisions = new ArrayList<>(newestFirst.size());
        int kept = 0;
        for (BackupPoint backup : newestFirst) {
            if (backup.protectedByUser()) {
                decisions.add(new RetentionDecision(backup.id(), true, "protected"));
            } else if (kept < count) {
                kept++;
                decisions.add(new RetentionDecision(backup.id(), true, "keep-last " + kept + " of " + count));
            } else {
                decisions.add(new RetentionDecision(backup.id(), false, "older than the last " + count));
            }
        }
        return decisions;
    }
}
