package io.holdfast.policy.schedule;

import java.time.LocalTime;
import java.util.Objects;

/**
 * The local hours backups may start in, e.g. 22:00 to 06:00 (it may wrap midnight). Start equal to end
 * means all day.
 */
public record BackupWindow(LocalTime start, LocalTime end) {

    public static final BackupWindow ALL_DAY = new BackupWindow(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    public BackupWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    public boolean allDay() {
        return start.equals(end);
    }

    /** Whether a local time lies in the window (start inclusive, end exclusive). */
    public boolean contains(LocalTime t) {
        if (allDay()) {
            return true;
        }
        return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
    }
}
