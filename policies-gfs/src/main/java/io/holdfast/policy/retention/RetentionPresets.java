package io.holdfast.policy.retention;

import java.time.ZoneId;

/** Retention most providers start from. */
public final class RetentionPresets {

    private RetentionPresets() {
    }

    /** "7 daily, 4 weekly, 12 monthly, 3 yearly": a classic grandfather-father-son rotation. */
    public static RetentionRules gfs(ZoneId zone) {
        return new RetentionRules(0, 0, 7, 4, 12, 3, null, zone);
    }

    /**
     * Linode-style slots: the last daily backup, this week's and last week's (the newest of each ISO week),
     * and one manual slot the next manual backup replaces. With the newest of each bucket kept, "this week's"
     * is the last daily itself, so at most three backups are kept: two scheduled and one manual.
     */
    public static RetentionRules linodeSlots(ZoneId zone) {
        return new RetentionRules(0, 0, 1, 2, 0, 0, 1, zone);
    }
}
