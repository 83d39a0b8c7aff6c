package io.holdfast.policy.retention;

import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * A GFS tier: the calendar bucket a backup falls in, as a key in the policy's time zone. One bucket function
 * for every tier; only the key differs.
 */
public enum Tier {
    /** The hour on the wall clock with its offset: the hour repeated when clocks go back is two buckets. */
    HOURLY("hourly") {
        @Override
        String key(ZonedDateTime t) {
            return String.format(Locale.ROOT, "%s %02dh%s", t.toLocalDate(), t.getHour(), t.getOffset());
        }
    },
    /** The local date (a day of 23 or 25 hours when clocks change is one bucket). */
    DAILY("daily") {
        @Override
        String key(ZonedDateTime t) {
            return t.toLocalDate().toString();
        }
    },
    /** The ISO week (Monday to Sunday; week 1 holds the year's first Thursday). */
    WEEKLY("weekly") {
        @Override
        String key(ZonedDateTime t) {
            return String.format(Locale.ROOT, "%d-W%02d", t.get(IsoFields.WEEK_BASED_YEAR), t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        }
    },
    MONTHLY("monthly") {
        @Override
        String key(ZonedDateTime t) {
            return String.format(Locale.ROOT, "%d-%02d", t.getYear(), t.getMonthValue());
        }
    },
    YEARLY("yearly") {
        @Override
        String key(ZonedDateTime t) {
            return Integer.toString(t.getYear());
        }
    };

    private final String word;

    Tier(String word) {
        this.word = word;
    }

    /** The bucket of a time already in the policy's zone. */
    abstract String key(ZonedDateTime t);

    public String word() {
        return word;
    }
}
