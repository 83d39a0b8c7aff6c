package io.holdfast.policy.retention;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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

    public GfsRetention(RetentionRules rules) {
        this.rules = rules;
    }

    /** One decision per backup, newest first. */
    public List<RetentionDecision> decide(List<BackupPoint> backups) {
        List<BackupPoint> newestFirst = new ArrayList<>(backups);
        newestFirst.sort(Comparator.comparing(BackupPoint::takenAt).reversed().thenComparing(BackupPoint::id, Comparator.reverseOrder()));
        List<BackupPoint> complete = newestFirst.stream().filter(BackupPoint::complete).toList();
        boolean manualApart = rules.manualSlots() != null;
        List<BackupPoint> counted = manualApart ? complete.stream().filter(b -> !b.manual()).toList() : complete;

        Map<String, List<String>> reasons = new LinkedHashMap<>();
        if (!complete.isEmpty()) {
            reason(reasons, complete.getFirst(), "newest backup");
        }
        for (int i = 0; i < Math.min(rules.keepLast(), counted.size()); i++) {
            reason(reasons, counted.get(i), "last " + (i + 1) + " of " + rules.keepLast());
        }
        if (manualApart) {
            List<BackupPoint> manual = complete.stream().filter(BackupPoint::manual).toList();
            for (int i = 0; i < Math.min(rules.manualSlots(), manual.size()); i++) {
                reason(reasons, manual.get(i), "manual slot " + (i + 1) + " of " + rules.manualSlots());
            }
        }
        Map<Tier, Set<String>> selectedBuckets = new LinkedHashMap<>();
        rules.tiers().forEach((tier, count) -> selectedBuckets.put(tier, keepNewestOfBuckets(tier, count, counted, reasons)));

        List<RetentionDecision> decisions = new ArrayList<>(newestFirst.size());
        for (BackupPoint b : newestFirst) {
            List<String> why = reasons.get(b.id());
            if (!b.complete()) {
                decisions.add(new RetentionDecision(b.id(), true, "kept: not finished yet (not counted)"));
            } else if (why != null) {
                decisions.add(new RetentionDecision(b.id(), true, "kept: " + String.join("; ", why)
                        + (b.protectedByUser() ? "; protected" : "")));
            } else if (b.protectedByUser()) {
                decisions.add(new RetentionDecision(b.id(), true, "kept: protected"));
            } else {
                decisions.add(new RetentionDecision(b.id(), false, "removed: " + whyRemoved(b, manualApart, selectedBuckets)));
            }
        }
        return decisions;
    }

    /** Keeps the newest backup of each of the {@code count} newest buckets; returns those buckets' keys. */
    private Set<String> keepNewestOfBuckets(Tier tier, int count, List<BackupPoint> newestFirst, Map<String, List<String>> reasons) {
        Set<String> seen = new LinkedHashSet<>();
        for (BackupPoint b : newestFirst) {
            String key = tier.key(b.takenAt().atZone(rules.zone()));
            if (seen.contains(key)) {
                continue;
            }
            if (seen.size() == count) {
                break;
            }
            seen.add(key);
            reason(reasons, b, tier.word() + " " + key);
        }
        return seen;
    }

    private String whyRemoved(BackupPoint b, boolean manualApart, Map<Tier, Set<String>> selected) {
        if (manualApart && b.manual()) {
            return "replaced by a newer manual backup (" + rules.manualSlots() + " manual slot" + (rules.manualSlots() == 1 ? ")" : "s)");
        }
        Tier coarsest = null;
        for (Map.Entry<Tier, Set<String>> e : selected.entrySet()) {
            String key = e.getKey().key(b.takenAt().atZone(rules.zone()));
            if (e.getValue().contains(key)) {
                return "not the newest of " + e.getKey().word() + " " + key;
            }
            coarsest = e.getKey();
        }
        if (coarsest != null) {
            return "beyond " + rules.count(coarsest) + " " + coarsest.word();
        }
        return rules.keepLast() > 0 ? "beyond the last " + rules.keepLast() : "not the newest backup";
    }

    private static void reason(Map<String, List<String>> reasons, BackupPoint b, String why) {
        reasons.computeIfAbsent(b.id(), id -> new ArrayList<>()).add(why);
    }

    /** The ids a decision list keeps. */
    public static Set<String> kept(List<RetentionDecision> decisions) {
        Set<String> kept = new HashSet<>();
        decisions.stream().filter(RetentionDecision::keep).forEach(d -> kept.add(d.backupId()));
        return kept;
    }
}
