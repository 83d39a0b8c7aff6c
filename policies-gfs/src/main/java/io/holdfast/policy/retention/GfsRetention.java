package io.holdfast.policy.retention;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which backups a policy keeps, and why. Each tier on its own keeps the <b>newest</b> backup of each of its
 * N newest buckets that hold a backup (as Proxmox Backup Server does; Xen Orchestra keeps the oldest, which
 * leaves the newest state of a month unkept until the next month). A backup is kept when any rule keeps it;
 * the newest complete backup is always kept; protected backups are never removed; unfinished ones neither
 * count nor are removed. Since each tier depends only on the backups and its own count, applying the rules
 * twice removes nothing more, and a new backup never brings back a removed one.
 */
public final class GfsRetention {

    private final RetentionRules rules;
    private final Tier[] tiers;

    public GfsRetention(RetentionRules rules) {
        this.rules = rules;
        this.tiers = rules.tiers().keySet().toArray(Tier[]::new);
    }

    /** A backup with its bucket in each tier in use. */
    private record Dated(BackupPoint point, long[] buckets) {
    }

    /** Newest first; equal times by id, also newest (greatest) first. */
    private static final Comparator<BackupPoint> NEWEST_FIRST = (a, b) -> {
        int c = b.takenAt().compareTo(a.takenAt());
        return c != 0 ? c : b.id().compareTo(a.id());
    };

    /** The time of a backup in the policy's zone, for the words of a reason (a few per instance, not one per backup). */
    private ZonedDateTime at(BackupPoint b) {
        return b.takenAt().atZone(rules.zone());
    }

    /** One decision per backup, newest first. */
    public List<RetentionDecision> decide(List<BackupPoint> backups) {
        List<BackupPoint> newestFirst = new ArrayList<>(backups);
        newestFirst.sort(NEWEST_FIRST);
        LocalCalendar calendar = new LocalCalendar(rules.zone());
        boolean manualApart = rules.manualSlots() != null;
        List<Dated> counted = new ArrayList<>();
        BackupPoint newestComplete = null;
        List<BackupPoint> manual = new ArrayList<>();
        for (BackupPoint b : newestFirst) {
            if (!b.complete()) {
                continue;
            }
            if (newestComplete == null) {
                newestComplete = b;
            }
            if (manualApart && b.manual()) {
                manual.add(b);
                continue;
            }
            counted.add(new Dated(b, calendar.buckets(b.takenAt(), tiers)));
        }

        Map<String, List<String>> reasons = new HashMap<>();
        if (newestComplete != null) {
            reason(reasons, newestComplete, "newest backup");
        }
        for (int i = 0; i < Math.min(rules.keepLast(), counted.size()); i++) {
            reason(reasons, counted.get(i).point(), "last " + (i + 1) + " of " + rules.keepLast());
        }
        for (int i = 0; manualApart && i < Math.min(rules.manualSlots(), manual.size()); i++) {
            reason(reasons, manual.get(i), "manual slot " + (i + 1) + " of " + rules.manualSlots());
        }
        long[][] selected = new long[tiers.length][];
        for (int t = 0; t < tiers.length; t++) {
            selected[t] = keepNewestOfBuckets(t, counted, reasons);
        }

        List<RetentionDecision> decisions = new ArrayList<>(newestFirst.size());
        // many removed backups share a bucket, hence a reason: build each reason once (by the bucket's place among the kept)
        String[][] removedReasons = new String[tiers.length][];
        for (int t = 0; t < tiers.length; t++) {
            removedReasons[t] = new String[selected[t].length];
        }
        int[] cursor = new int[tiers.length];
        int next = 0; // counted is newestFirst without unfinished (and manual) backups, in the same order
        for (BackupPoint b : newestFirst) {
            Dated d = next < counted.size() && counted.get(next).point() == b ? counted.get(next++) : null;
            List<String> why = reasons.get(b.id());
            if (!b.complete()) {
                decisions.add(new RetentionDecision(b.id(), true, "kept: not finished yet (not counted)"));
            } else if (why != null) {
                decisions.add(new RetentionDecision(b.id(), true, "kept: " + String.join("; ", why)
                        + (b.protectedByUser() ? "; protected" : "")));
            } else if (b.protectedByUser()) {
                decisions.add(new RetentionDecision(b.id(), true, "kept: protected"));
            } else {
                decisions.add(new RetentionDecision(b.id(), false, whyRemoved(d, selected, removedReasons, cursor)));
            }
        }
        return decisions;
    }

    /**
     * Keeps the newest backup of each of the tier's N newest buckets; returns those buckets. Buckets only grow
     * older down a newest-first list (a later time never falls in an earlier bucket), so a bucket's backups
     * come one after another and comparing with the previous one finds each new bucket.
     */
    private long[] keepNewestOfBuckets(int tier, List<Dated> newestFirst, Map<String, List<String>> reasons) {
        int count = rules.count(tiers[tier]);
        long[] seen = new long[Math.min(count, newestFirst.size())];
        int n = 0;
        for (Dated d : newestFirst) {
            long bucket = d.buckets()[tier];
            if (n > 0 && bucket == seen[n - 1]) {
                continue;
            }
            if (n == seen.length) {
                break;
            }
            seen[n++] = bucket;
            reason(reasons, d.point(), tiers[tier].word() + " " + tiers[tier].key(at(d.point())));
        }
        return n == seen.length ? seen : java.util.Arrays.copyOf(seen, n);
    }

    /**
     * Why a backup goes. Called newest first, so each tier's kept buckets (newest first too) are walked once with a
     * cursor rather than searched for every removed backup.
     */
    private String whyRemoved(Dated d, long[][] selected, String[][] cache, int[] cursor) {
        if (d == null) {
            return "removed: replaced by a newer manual backup (" + rules.manualSlots() + " manual slot"
                    + (rules.manualSlots() == 1 ? ")" : "s)");
        }
        for (int t = 0; t < tiers.length; t++) {
            long[] kept = selected[t];
            long bucket = d.buckets()[t];
            int j = cursor[t];
            while (j < kept.length && kept[j] > bucket) {
                j++;
            }
            cursor[t] = j;
            if (j < kept.length && kept[j] == bucket) {
                if (cache[t][j] == null) {
                    cache[t][j] = "removed: not the newest of " + tiers[t].word() + " " + tiers[t].key(at(d.point()));
                }
                return cache[t][j];
            }
        }
        if (tiers.length > 0) {
            Tier coarsest = tiers[tiers.length - 1];
            return "removed: beyond " + rules.count(coarsest) + " " + coarsest.word();
        }
        return rules.keepLast() > 0 ? "removed: beyond the last " + rules.keepLast() : "removed: not the newest backup";
    }

    private static void reason(Map<String, List<String>> reasons, BackupPoint b, String why) {
        reasons.computeIfAbsent(b.id(), id -> new ArrayList<>(2)).add(why);
    }

    /** The ids a decision list keeps. */
    public static Set<String> kept(List<RetentionDecision> decisions) {
        Set<String> kept = new HashSet<>();
        decisions.stream().filter(RetentionDecision::keep).forEach(d -> kept.add(d.backupId()));
        return kept;
    }
}
