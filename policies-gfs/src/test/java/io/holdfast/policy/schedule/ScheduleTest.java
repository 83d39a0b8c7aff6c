package io.holdfast.policy.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** full day (- = daily), full at, incremental hours, window (- = all day); after (UTC) → next slot (UTC), kind, deadline. */
    @ParameterizedTest(name = "{0} {1} +{2}h [{3}] after {4}")
    @CsvSource(delimiter = '|', value = {
            "-      | 02:00 | 0  | -           | 2026-11-30T01:59:00Z | 2026-11-30T02:00:00Z | FULL        | 2026-12-01T02:00:00Z",
            "-      | 02:00 | 0  | -           | 2026-11-30T02:00:00Z | 2026-12-01T02:00:00Z | FULL        | 2026-12-02T02:00:00Z",
            // 2026-11-30 is a Monday: the weekly full read is on Sunday 2026-12-06
            "SUNDAY | 02:00 | 0  | -           | 2026-11-30T12:00:00Z | 2026-12-06T02:00:00Z | FULL        | 2026-12-07T02:00:00Z",
            "SUNDAY | 02:00 | 24 | -           | 2026-11-30T12:00:00Z | 2026-12-01T02:00:00Z | INCREMENTAL | 2026-12-02T02:00:00Z",
            "SUNDAY | 02:00 | 6  | -           | 2026-11-30T12:00:00Z | 2026-11-30T14:00:00Z | INCREMENTAL | 2026-11-30T20:00:00Z",
            "SUNDAY | 20:00 | 6  | -           | 2026-11-30T21:00:00Z | 2026-12-01T02:00:00Z | INCREMENTAL | 2026-12-01T08:00:00Z",
            // a window from 22:00 to 06:00: incrementals only inside it, each to start before 06:00
            "-      | 22:00 | 2  | 22:00-06:00 | 2026-11-30T12:00:00Z | 2026-11-30T22:00:00Z | FULL        | 2026-12-01T06:00:00Z",
            "-      | 22:00 | 2  | 22:00-06:00 | 2026-12-01T04:00:00Z | 2026-12-01T22:00:00Z | FULL        | 2026-12-02T06:00:00Z",
            "-      | 22:00 | 2  | 22:00-06:00 | 2026-12-01T01:00:00Z | 2026-12-01T02:00:00Z | INCREMENTAL | 2026-12-01T06:00:00Z",
    })
    void nextSlot(String fullDay, String fullAt, int hours, String window, String after, String next, SlotKind kind, String deadline) {
        Schedule s = new Schedule(fullDay.strip().equals("-") ? null : DayOfWeek.valueOf(fullDay.strip()), LocalTime.parse(fullAt.strip()),
                hours, window(window.strip()), UTC);
        Slot slot = s.next(Instant.parse(after.strip()));
        assertThat(slot).isEqualTo(new Slot(Instant.parse(next.strip()), kind, Instant.parse(deadline.strip())));
    }

    @Test
    void betweenListsEverySlotOnceInOrder() {
        Schedule s = new Schedule(DayOfWeek.SUNDAY, LocalTime.of(2, 0), 12, BackupWindow.ALL_DAY, UTC);
        List<Slot> week = s.between(Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2026-12-07T00:00:00Z"));
        assertThat(week).hasSize(14);
        assertThat(week).filteredOn(x -> x.kind() == SlotKind.FULL).extracting(Slot::at).containsExactly(Instant.parse("2026-12-06T02:00:00Z"));
        assertThat(week).extracting(Slot::at).isSorted().doesNotHaveDuplicates();
        assertThat(s.describe()).isEqualTo("full read every Sunday at 02:00, incrementals every 12 h (UTC)");
    }

    @Test
    void aDailyTimeHappensOnceOnEachDayAcrossBothClockChanges() {
        Schedule s = new Schedule(null, LocalTime.of(2, 30), 0, BackupWindow.ALL_DAY, BERLIN);
        // 2026-03-29: 02:30 does not exist and moves to 03:30 CEST; 2026-10-25: 02:30 happens twice, the first counts
        assertThat(s.between(Instant.parse("2026-03-28T00:00:00Z"), Instant.parse("2026-03-31T00:00:00Z"))).extracting(Slot::at)
                .containsExactly(Instant.parse("2026-03-28T01:30:00Z"), Instant.parse("2026-03-29T01:30:00Z"),
                        Instant.parse("2026-03-30T00:30:00Z"));
        assertThat(s.between(Instant.parse("2026-10-24T00:00:00Z"), Instant.parse("2026-10-27T00:00:00Z"))).extracting(Slot::at)
                .containsExactly(Instant.parse("2026-10-24T00:30:00Z"), Instant.parse("2026-10-25T00:30:00Z"),
                        Instant.parse("2026-10-26T01:30:00Z"));
    }

    @Test
    void hourlyIncrementalsOnTheShortAndTheLongDay() {
        Schedule s = new Schedule(DayOfWeek.MONDAY, LocalTime.MIDNIGHT, 1, BackupWindow.ALL_DAY, BERLIN);
        // the local days 2026-03-29 (23 hours) and 2026-10-25 (25 hours): one slot per wall-clock hour that exists once
        assertThat(s.between(Instant.parse("2026-03-28T22:59:00Z"), Instant.parse("2026-03-29T21:59:00Z"))).hasSize(23);
        assertThat(s.between(Instant.parse("2026-10-24T21:59:00Z"), Instant.parse("2026-10-25T22:59:00Z"))).hasSize(24);
    }

    @Test
    void aFullReadOutsideTheWindowIsRefused() {
        assertThatThrownBy(() -> new Schedule(null, LocalTime.NOON, 0, window("22:00-06:00"), UTC))
                .hasMessageContaining("outside the backup window");
        assertThatThrownBy(() -> new Schedule(null, LocalTime.NOON, 25, BackupWindow.ALL_DAY, UTC)).hasMessageContaining("1 to 24 hours");
    }

    @ParameterizedTest(name = "{0}, chain {1}, {2} since full, bitmap {3}, max {4} -> {5}")
    @CsvSource({
            "FULL, true, 0, true, 6, true, full read: the schedule's full read",
            "INCREMENTAL, false, 0, false, 6, true, full read: no earlier backup in this storage",
            "INCREMENTAL, true, 6, true, 6, true, full read: 6 incrementals since the last full read (at most 6)",
            "INCREMENTAL, true, 2, false, 6, true, full read: no usable bitmap (the last backup's checkpoint is gone)",
            "INCREMENTAL, true, 2, true, 6, false, incremental 3 of at most 6 since the last full read",
            "INCREMENTAL, true, 0, true, 0, true, full read: 0 incrementals since the last full read (at most 0)",
    })
    void whatToRunNext(SlotKind slot, boolean chain, int since, boolean bitmap, int max, boolean full, String reason) {
        assertThat(BackupPlanner.plan(slot, new ChainState(chain, since, bitmap), max)).isEqualTo(new Plan(full, reason));
    }

    private static BackupWindow window(String spec) {
        if (spec.equals("-")) {
            return BackupWindow.ALL_DAY;
        }
        String[] p = spec.split("-");
        return new BackupWindow(LocalTime.parse(p[0]), LocalTime.parse(p[1]));
    }
}
