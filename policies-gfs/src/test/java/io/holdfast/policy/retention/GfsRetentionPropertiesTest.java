package io.holdfast.policy.retention;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of retention over many random catalogs and rules (seeded, so a failure repeats): the newest
 * complete backup is always kept, protected and unfinished ones never removed, applying the rules again to
 * what they kept removes nothing more, and adding a backup never brings back a removed one.
 */
class GfsRetentionPropertiesTest {

    private static final int CASES = 3000;
    private static final ZoneId[] ZONES = {ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
            ZoneId.of("Australia/Lord_Howe")};

    @Test
    void holdForRandomCatalogsAndRules() {
        Random random = new Random(20261130);
        for (int c = 0; c < CASES; c++) {
            RetentionRules rules = randomRules(random);
            List<BackupPoint> backups = randomBackups(random, 1 + random.nextInt(80));
            GfsRetention retention = new GfsRetention(rules);
            List<RetentionDecision> decisions = retention.decide(backups);
            Set<String> kept = GfsRetention.kept(decisions);
            String context = "case " + c + ", rules " + rules + ", backups " + backups;

            backups.stream().filter(BackupPoint::complete).max(java.util.Comparator.comparing(BackupPoint::takenAt)
                            .thenComparing(BackupPoint::id))
                    .ifPresent(newest -> assertThat(kept).as("the newest is kept: " + context).contains(newest.id()));
            backups.stream().filter(b -> b.protectedByUser() || !b.complete())
                    .forEach(b -> assertThat(kept).as("protected and unfinished stay: " + context).contains(b.id()));

            List<BackupPoint> survivors = backups.stream().filter(b -> kept.contains(b.id())).toList();
            assertThat(GfsRetention.kept(retention.decide(survivors))).as("applied twice: " + context).isEqualTo(kept);

            BackupPoint added = randomBackup(random, "added", true);
            List<BackupPoint> more = new ArrayList<>(backups);
            more.add(added);
            Set<String> keptAfter = GfsRetention.kept(retention.decide(more));
            Set<String> removedBefore = backups.stream().map(BackupPoint::id).filter(id -> !kept.contains(id)).collect(Collectors.toSet());
            assertThat(removedBefore.stream().filter(keptAfter::contains).toList()).as("nothing removed comes back after adding " + added + ": " + context)
                    .isEmpty();
        }
    }

    private static RetentionRules randomRules(Random r) {
        return new RetentionRules(r.nextInt(4), r.nextInt(3) == 0 ? r.nextInt(30) : 0, r.nextInt(10), r.nextInt(6), r.nextInt(14),
                r.nextInt(4), r.nextInt(3) == 0 ? r.nextInt(3) : null, ZONES[r.nextInt(ZONES.length)]);
    }

    private static List<BackupPoint> randomBackups(Random r, int n) {
        List<BackupPoint> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(randomBackup(r, "b" + i, false));
        }
        return list;
    }

    private static BackupPoint randomBackup(Random r, String id, boolean complete) {
        // within three years, clustered in hours so buckets hold several backups
        long hours = r.nextInt(3 * 365 * 24);
        Instant at = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(hours * 3600 + r.nextInt(4) * 900L);
        return new BackupPoint(id, at, r.nextInt(10) == 0, complete || r.nextInt(20) != 0, r.nextInt(5) == 0);
    }
}
