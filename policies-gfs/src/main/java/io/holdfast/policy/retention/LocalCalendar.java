package io.holdfast.policy.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The calendar buckets of many instants in one zone, without a {@code ZonedDateTime} per instant: the zone's
 * offset is kept with the span of time it holds (a zone changes offset a few times a year) and the month with
 * its days, so most instants cost a few comparisons and divisions. Gives the same numbers as
 * {@link Tier#id(java.time.ZonedDateTime)} (a property test checks it across zones and DST changes).
 */
final class LocalCalendar {

    private final ZoneRules rules;
    private int offset;
    private long offsetFrom = Long.MAX_VALUE;
    private long offsetUntil = Long.MIN_VALUE;
    private long monthFrom = Long.MAX_VALUE;
    private long monthUntil = Long.MIN_VALUE;
    private int year;
    private int month;

    LocalCalendar(ZoneId zone) {
        this.rules = zone.getRules();
    }

    /** The instant's bucket in each of {@code tiers}. */
    long[] buckets(Instant time, Tier[] tiers) {
        long second = time.getEpochSecond();
        if (second < offsetFrom || second >= offsetUntil) {
            offsetAt(time);
        }
        long day = Math.floorDiv(second + offset, 86_400);
        if (day < monthFrom || day >= monthUntil) {
            monthOf(day);
        }
        long[] buckets = new long[tiers.length];
        for (int t = 0; t < tiers.length; t++) {
            buckets[t] = tiers[t].id(second, day, year, month);
        }
        return buckets;
    }

    /** The offset at {@code time} and the span it holds for: from the transition into it to the next one. */
    private void offsetAt(Instant time) {
        offset = rules.getOffset(time).getTotalSeconds();
        ZoneOffsetTransition next = rules.nextTransition(time);
        ZoneOffsetTransition previous = rules.previousTransition(time);
        offsetUntil = next == null ? Long.MAX_VALUE : next.toEpochSecond();
        // the span starts at the transition into this offset; if the one found is older (the instant is exactly on
        // a transition), start at the instant itself: earlier instants are looked up again
        offsetFrom = previous == null ? Long.MIN_VALUE
                : previous.getOffsetAfter().getTotalSeconds() == offset && !previous.getInstant().isAfter(time)
                ? previous.toEpochSecond() : time.getEpochSecond();
    }

    private void monthOf(long epochDay) {
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        LocalDate first = date.withDayOfMonth(1);
        monthFrom = first.toEpochDay();
        monthUntil = first.plusMonths(1).toEpochDay();
        year = date.getYear();
        month = date.getMonthValue();
    }
}
