package io.holdfast.policy.retention;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class GfsRetentionTest {

    private static final ZoneId UTC = ZoneOffset.UTC;

    /**
     * backups: "yyyy-MM-ddTHH" local times, suffix p = protected, u = unfinished, m = manual; rules: keepLast,
     * hourly, daily, weekly, monthly, yearly, manual slots (- = none); expected: the kept ids, newest first.
     */
    @ParameterizedTest(name = "{0} | {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // keep-last
            "0,0,0,0,0,0,- | 2026-11-01T10,2026-11-02T10,2026-11-03T10 | 2026-11-03T10",
            "2,0,0,0,0,0,- | 2026-11-01T10,2026-11-02T10,2026-11-03T10 | 2026-11-03T10,2026-11-02T10",
            "1,0,0,0,0,0,- | 2026-11-01T10p,2026-11-02T10,2026-11-03T10 | 2026-11-03T10,2026-11-01T10p",
            // daily keeps the newest of each day, and days without a backup do not count
            "0,0,2,0,0,0,- | 2026-11-01T08,2026-11-01T20,2026-11-03T08,2026-11-03T20 | 2026-11-03T20,2026-11-01T20",
            // weekly: ISO weeks (2026-11-01 is a Sunday, so it ends week 44; 11-02 starts week 45)
            "0,0,0,2,0,0,- | 2026-10-26T10,2026-11-01T10,2026-11-02T10,2026-11-08T10 | 2026-11-08T10,2026-11-01T10",
            // monthly and yearly
            "0,0,0,0,2,0,- | 2026-09-30T10,2026-10-01T10,2026-10-31T23,2026-11-15T10 | 2026-11-15T10,2026-10-31T23",
            "0,0,0,0,0,2,- | 2024-12-31T10,2025-01-01T10,2025-12-31T10,2026-06-01T10 | 2026-06-01T10,2025-12-31T10",
            // ISO week-based year: 2027-01-01 (a Friday) belongs to 2026-W53, with 2026-12-28
            "0,0,0,1,0,0,- | 2026-12-28T10,2027-01-01T10,2026-12-27T10 | 2027-01-01T10",
            // unfinished backups neither count nor are removed; the newest complete one is kept
            "0,0,1,0,0,0,- | 2026-11-01T10,2026-11-02T10,2026-11-03T10u | 2026-11-03T10u,2026-11-02T10",
            // manual slots: the newest manual backup is kept apart, tiers count scheduled backups only
            "0,0,1,2,0,0,1 | 2026-10-20T10,2026-10-27T10,2026-10-28T12m,2026-10-29T10,2026-10-30T12m | 2026-10-30T12m,2026-10-29T10,2026-10-20T10",
    })
    void keepsWhatTheRulesSay(String rules, String backups, String expectedKept) {
        List<BackupPoint> points = new ArrayList<>();
        for (String b : backups.split(",")) {
            points.add(point(b.strip()));
        }
        List<RetentionDecision> decisions = new GfsRetention(rules(rules.strip())).decide(points);
        assertThat(decisions).hasSize(points.size());
        assertThat(decisions).allSatisfy(d -> assertThat(d.reason()).matches("(kept|removed): .+"));
        assertThat(decisions.stream().filter(RetentionDecision::keep).map(RetentionDecision::backupId).toList())
                .containsExactly(expectedKept.strip().split(","));
    }

    @Test
    void eachDecisionSaysWhy() {
        List<BackupPoint> points = List.of(point("2026-09-10T10"), point("2026-10-30T10"), point("2026-10-31T10"),
                point("2026-11-29T10"), point("2026-11-30T10"), point("2019-05-05T10"));
        Map<String, String> why = new GfsRetention(new RetentionRules(0, 0, 1, 0, 2, 0, null, UTC)).decide(points).stream()
                .collect(Collectors.toMap(RetentionDecision::backupId, RetentionDecision::reason));
        assertThat(why.get("2026-11-30T10")).isEqualTo("kept: newest backup; daily 2026-11-30; monthly 2026-11");
        assertThat(why.get("2026-10-31T10")).isEqualTo("kept: monthly 2026-10");
        assertThat(why.get("2026-10-30T10")).isEqualTo("removed: not the newest of monthly 2026-10");
        assertThat(why.get("2026-11-29T10")).isEqualTo("removed: not the newest of monthly 2026-11");
        assertThat(why.get("2026-09-10T10")).isEqualTo("removed: beyond 2 monthly");
        assertThat(new RetentionRules(0, 0, 7, 4, 12, 3, null, UTC).describe()).isEqualTo("7 daily, 4 weekly, 12 monthly, 3 yearly");
    }

    @Test
    void protectedBackupsAreNeverRemovedAndSayAllTheirReasons() {
        List<RetentionDecision> d = new GfsRetention(new RetentionRules(1, 0, 0, 0, 0, 0, null, UTC))
                .decide(List.of(point("2020-01-01T00p"), point("2026-11-30T10p"), point("2026-11-29T10")));
        assertThat(d).extracting(RetentionDecision::reason).containsExactly(
                "kept: newest backup; last 1 of 1; protected", "removed: beyond the last 1", "kept: protected");
    }

    static RetentionRules rules(String csv) {
        String[] n = csv.split(",");
        return new RetentionRules(Integer.parseInt(n[0]), Integer.parseInt(n[1]), Integer.parseInt(n[2]), Integer.parseInt(n[3]),
                Integer.parseInt(n[4]), Integer.parseInt(n[5]), n[6].equals("-") ? null : Integer.valueOf(n[6]), UTC);
    }

    static BackupPoint point(String spec) {
        String time = spec.replaceAll("[pum]+$", "");
        Instant at = LocalDateTime.parse(time + ":00").toInstant(ZoneOffset.UTC);
        return new BackupPoint(spec, at, spec.endsWith("p"), !spec.endsWith("u"), spec.endsWith("m"));
    }
}
