package io.holdfast.policy.retention;

import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How many backups a policy keeps: the last N, the newest of each of the last N hours / days / ISO weeks /
 * months / years that hold a backup, and optionally manual slots.
 *
 * @param keepLast    the newest N complete backups
 * @param manualSlots null: manual backups count like any other; N: the newest N manual backups are kept in
 *                    slots of their own (the next manual backup replaces the oldest), and the tiers count
 *                    scheduled backups only
 * @param zone        the time zone buckets are cut in
 */
public record RetentionRules(int keepLast, int hourly, int daily, int weekly, int monthly, int yearly, Integer manualSlots,
                             ZoneId zone) {

    public RetentionRules {
        Objects.requireNonNull(zone, "zone");
        for (int n : new int[]{keepLast, hourly, daily, weekly, monthly, yearly, manualSlots == null ? 0 : manualSlots}) {
            if (n < 0) {
                throw new IllegalArgumentException("retention counts cannot be negative");
            }
        }
    }

    /** The count of a tier. */
    public int count(Tier tier) {
        return switch (tier) {
            case HOURLY -> hourly;
            case DAILY -> daily;
            case WEEKLY -> weekly;
            case MONTHLY -> monthly;
            case YEARLY -> yearly;
        };
    }

    /** The tiers in use, finest first. */
    public Map<Tier, Integer> tiers() {
        Map<Tier, Integer> tiers = new EnumMap<>(Tier.class);
        for (Tier t : Tier.values()) {
            if (count(t) > 0) {
                tiers.put(t, count(t));
            }
        }
        return tiers;
    }

    /** Reads as an admin writes it: "keep last 3, 7 daily, 4 weekly, 12 monthly, 3 yearly". */
    public String describe() {
        StringBuilder s = new StringBuilder();
        if (keepLast > 0) {
            s.append("keep last ").append(keepLast);
        }
        tiers().forEach((tier, n) -> s.append(s.isEmpty() ? "" : ", ").append(n).append(' ').append(tier.word()));
        if (manualSlots != null) {
            s.append(s.isEmpty() ? "" : ", ").append(manualSlots).append(" manual slot").append(manualSlots == 1 ? "" : "s");
        }
        return s.isEmpty() ? "keep the newest only" : s.toString();
    }
}
