package io.holdfast.policy.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * When a policy backs up, on the wall clock of its time zone: a full read daily, or weekly on one day, at a
 * time of day; incrementals every N hours from that time on (0: none); only slots inside the backup window,
 * each to be started before the window closes. Local times that do not exist (clocks going forward) move
 * forward by the gap; times that happen twice (clocks going back) happen once, at the first.
 *
 * @param fullDay          the day of the weekly full read; null: a full read every day
 * @param incrementalHours incrementals every this many hours between full reads (1-24), or 0 for none
 */
public record Schedule(DayOfWeek fullDay, LocalTime fullAt, int incrementalHours, BackupWindow window, ZoneId zone) {

    public Schedule {
        Objects.requireNonNull(fullAt, "fullAt");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(zone, "zone");
        if (incrementalHours < 0 || incrementalHours > 24) {
            throw new IllegalArgumentException("incrementals run every 1 to 24 hours, or never (0); was " + incrementalHours);
        }
        if (!window.contains(fullAt)) {
            throw new IllegalArgumentException("the full read at " + fullAt + " lies outside the backup window " + window.start()
                    + "-" + window.end());
        }
    }

    /** The first slot strictly after {@code after}. */
    public Slot next(Instant after) {
        LocalDate day = after.atZone(zone).toLocalDate().minusDays(1);
        for (int i = 0; i < 9; i++, day = day.plusDays(1)) {
            for (Slot s : slotsOn(day)) {
                if (s.at().isAfter(after)) {
                    return s;
                }
            }
        }
        throw new IllegalStateException("no slot within a week after " + after + " (a weekly schedule always has one)");
    }

    /** Every slot in {@code (from, to]}, in time order. */
    public List<Slot> between(Instant from, Instant to) {
        List<Slot> slots = new ArrayList<>();
        LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
        for (LocalDate day = from.atZone(zone).toLocalDate().minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
            for (Slot s : slotsOn(day)) {
                if (s.at().isAfter(from) && !s.at().isAfter(to)) {
                    slots.add(s);
                }
            }
        }
        return slots;
    }

    /** The slots whose local date is {@code day}. */
    List<Slot> slotsOn(LocalDate day) {
        TreeMap<Instant, Slot> slots = new TreeMap<>();
        boolean fullDayToday = fullDay == null || day.getDayOfWeek() == fullDay;
        if (fullDayToday || incrementalHours > 0) {
            add(slots, day, fullAt, fullDayToday ? SlotKind.FULL : SlotKind.INCREMENTAL);
        }
        if (incrementalHours > 0 && incrementalHours < 24) {
            for (int k = 1; k * incrementalHours < 24; k++) {
                LocalTime t = fullAt.plusHours((long) k * incrementalHours);
                // the cycle starts at fullAt: times past midnight belong to the next local date
                LocalDate date = t.isBefore(fullAt) ? day.plusDays(1) : day;
                add(slots, date, t, SlotKind.INCREMENTAL);
            }
        }
        return List.copyOf(slots.values());
    }

    private void add(TreeMap<Instant, Slot> slots, LocalDate date, LocalTime time, SlotKind kind) {
        if (!window.contains(time)) {
            return;
        }
        Instant at = ZonedDateTime.of(date, time, zone).toInstant();
        slots.putIfAbsent(at, new Slot(at, kind, deadline(date, time, at)));
    }

    /** The end of the window occurrence holding the slot; all day: the next incremental (or a day) later. */
    private Instant deadline(LocalDate date, LocalTime time, Instant at) {
        if (window.allDay()) {
            return at.plus(Duration.ofHours(incrementalHours > 0 ? incrementalHours : 24));
        }
        LocalDate endDate = window.start().isBefore(window.end()) || time.isBefore(window.end()) ? date : date.plusDays(1);
        return ZonedDateTime.of(LocalDateTime.of(endDate, window.end()), zone).toInstant();
    }

    /** Reads as an admin writes it: "full read every Sunday at 02:00, incrementals every 6 h, Europe/Berlin". */
    public String describe() {
        String full = "full read " + (fullDay == null ? "daily" : "every " + fullDay.getDisplayName(java.time.format.TextStyle.FULL,
                java.util.Locale.ENGLISH)) + " at " + fullAt;
        String inc = incrementalHours == 0 ? "" : ", incrementals every " + incrementalHours + " h";
        String win = window.allDay() ? "" : ", starting between " + window.start() + " and " + window.end();
        return full + inc + win + " (" + zone + ")";
    }
}
