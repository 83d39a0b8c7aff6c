package io.holdfast.policy.retention;

import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;

/**
 * A GFS tier: the calendar bucket a backup falls in, as a key in the policy's time zone. One bucket function
 * for every tier; only the key differs.
 */
public enum Tier {
    /** The hour on the wall clock with its offset: the hour repeated when clocks go back is two buckets. */
    HOURLY("hourly") {
        @Override
        String key(ZonedDateTime t) {
            return t.toLocalDate() + " " + pad2(t.getHour()) + "h" + t.getOffset();
        }

        @Override
        long id(ZonedDateTime t) {
            return Math.floorDiv(t.toEpochSecond(), 3600); // the real hour: a repeated wall-clock hour is two
        }

        @Override
        long id(long epochSecond, long localEpochDay, int year, int month) {
            return Math.floorDiv(epochSecond, 3600);
        }
    },
    /** The local date (a day of 23 or 25 hours when clocks change is one bucket). */
    DAILY("daily") {
        @Override
        String key(ZonedDateTime t) {
            return t.toLocalDate().toString();
        }

        @Override
        long id(ZonedDateTime t) {
            return t.toLocalDate().toEpochDay();
        }

        @Override
        long id(long epochSecond, long localEpochDay, int year, int month) {
            return localEpochDay;
        }
    },
    /** The ISO week (Monday to Sunday; week 1 holds the year's first Thursday). */
    WEEKLY("weekly") {
        @Override
        String key(ZonedDateTime t) {
            return t.get(IsoFields.WEEK_BASED_YEAR) + "-W" + pad2(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        }

        @Override
        long id(ZonedDateTime t) {
            // ISO weeks start on Monday: the epoch day of the week's Monday names the week
            long day = t.toLocalDate().toEpochDay();
            return day - (t.getDayOfWeek().getValue() - 1);
        }

        @Override
        long id(long epochSecond, long localEpochDay, int year, int month) {
            return localEpochDay - Math.floorMod(localEpochDay + 3, 7); // 1970-01-01 was a Thursday
        }
    },
    MONTHLY("monthly") {
        @Override
        String key(ZonedDateTime t) {
            return t.getYear() + "-" + pad2(t.getMonthValue());
        }

        @Override
        long id(ZonedDateTime t) {
            return t.getYear() * 12L + t.getMonthValue();
        }

        @Override
        long id(long epochSecond, long localEpochDay, int year, int month) {
            return year * 12L + month;
        }
    },
    YEARLY("yearly") {
        @Override
        String key(ZonedDateTime t) {
            return Integer.toString(t.getYear());
        }

        @Override
        long id(ZonedDateTime t) {
            return t.getYear();
        }

        @Override
        long id(long epochSecond, long localEpochDay, int year, int month) {
            return year;
        }
    };

    private final String word;

    Tier(String word) {
        this.word = word;
    }

    /** The bucket of a time already in the policy's zone, as people read it (only for reasons). */
    abstract String key(ZonedDateTime t);

    /** The same bucket as a number: equal for two times exactly when {@link #key} is (cheap to compare). */
    abstract long id(ZonedDateTime t);

    /**
     * The same number as {@link #id(ZonedDateTime)}, from parts a walk over many backups keeps at hand: the instant's
     * epoch second, and its local epoch day, year and month in the policy's zone (no ZonedDateTime per backup).
     */
    abstract long id(long epochSecond, long localEpochDay, int year, int month);

    /** Two digits (String.format costs seconds over millions of reasons). */
    private static String pad2(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    public String word() {
        return word;
    }
}
