package io.holdfast.policy.retention;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Buckets in a zone with daylight saving time, across both changes (Europe/Berlin, 2026). */
class GfsRetentionDstTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** Backups every 30 minutes of real time from {@code fromUtc}, for {@code hours} hours. */
    private static List<BackupPoint> halfHourly(String fromUtc, int hours) {
        List<BackupPoint> list = new ArrayList<>();
        Instant start = Instant.parse(fromUtc);
        for (int i = 0; i < hours * 2; i++) {
            Instant at = start.plusSeconds(1800L * i);
            list.add(new BackupPoint(at.toString(), at, false));
        }
        return list;
    }

    private static List<String> keptReasons(RetentionRules rules, List<BackupPoint> backups) {
        return new GfsRetention(rules).decide(backups).stream().filter(RetentionDecision::keep).map(RetentionDecision::reason).toList();
    }

    @Test
    void whenClocksGoBackTheRepeatedHourIsTwoHourlyBucketsAndTheDayOne() {
        // 2026-10-25 03:00 CEST becomes 02:00 CET (01:00 UTC): local 02:xx happens twice
        List<BackupPoint> night = halfHourly("2026-10-24T22:00:00Z", 6); // 00:00 CEST .. 04:30 CET local
        List<String> hourly = keptReasons(new RetentionRules(0, 5, 0, 0, 0, 0, null, BERLIN), night);
        assertThat(hourly).containsExactly(
                "kept: newest backup; hourly 2026-10-25 04h+01:00",
                "kept: hourly 2026-10-25 03h+01:00",
                "kept: hourly 2026-10-25 02h+01:00",
                "kept: hourly 2026-10-25 02h+02:00",
                "kept: hourly 2026-10-25 01h+02:00");
        // the 25-hour day is one daily bucket; the day before is another
        List<String> daily = keptReasons(new RetentionRules(0, 0, 3, 0, 0, 0, null, BERLIN), halfHourly("2026-10-23T22:00:00Z", 49));
        assertThat(daily).containsExactly("kept: newest backup; daily 2026-10-25", "kept: daily 2026-10-24");
    }

    @Test
    void whenClocksGoForwardTheMissingHourHasNoBucketAndDaysStayWhole() {
        // 2026-03-29 02:00 CET becomes 03:00 CEST (01:00 UTC): local 02:xx never happens
        // three real hours from local midnight: 00h, 01h, then 03h: four hourly slots find three buckets
        List<String> hourly = keptReasons(new RetentionRules(0, 4, 0, 0, 0, 0, null, BERLIN), halfHourly("2026-03-28T23:00:00Z", 3));
        assertThat(hourly).containsExactly(
                "kept: newest backup; hourly 2026-03-29 03h+02:00",
                "kept: hourly 2026-03-29 01h+01:00",
                "kept: hourly 2026-03-29 00h+01:00");
        // a backup at 23:30 local on the 28th (22:30 UTC) and at 00:30 local on the 29th (23:30 UTC) are two days
        List<String> daily = keptReasons(new RetentionRules(0, 0, 5, 0, 0, 0, null, BERLIN), List.of(
                new BackupPoint("a", Instant.parse("2026-03-28T22:30:00Z"), false),
                new BackupPoint("b", Instant.parse("2026-03-28T23:30:00Z"), false),
                new BackupPoint("c", Instant.parse("2026-03-29T21:30:00Z"), false)));
        assertThat(daily).containsExactly("kept: newest backup; daily 2026-03-29", "kept: daily 2026-03-28");
    }
}
