package io.holdfast.backup.job.ui;

import io.holdfast.backup.job.Job;
import io.holdfast.backup.job.JobState;

import java.time.Duration;
import java.util.Locale;

/** How a job reads in the jobs list: what it is, how far it got, and what happened, in a few words. */
public final class JobText {

    private JobText() {
    }

    public static String kind(Job j) {
        return switch (j.kind()) {
            case BACKUP -> "backup · " + (j.params().fullRead() ? "full" : "incremental");
            case RESTORE -> "restore · " + switch (String.valueOf(j.params().restoreTarget())) {
                case "NEW_INSTANCE" -> "new instance";
                case "OTHER_INSTANCE" -> "other instance";
                default -> "in place";
            };
            case DELETE -> "delete";
            case VERIFY -> j.snapshotId() == null ? "verify · whole storage" : "verify";
            case GC -> "garbage collection";
            case MIRROR -> "mirror";
            case SEQUENCE -> "sequence";
        } + (j.scheduled() ? " (scheduled)" : "") + (j.parentJobId() == null ? ""
                : " · step " + (j.params().step() == null ? "?" : j.params().step() + 1) + " of run #" + j.parentJobId());
    }

    public static String figures(Job j) {
        if (j.state() != JobState.RUNNING || j.rateBps() == null) {
            return "";
        }
        String rate = String.format(Locale.ROOT, "%.0f%% · %.1f MB/s", j.percent() == null ? 0 : j.percent(), j.rateBps() / 1e6);
        return j.etaSeconds() == null ? rate : rate + " · ETA " + eta(j.etaSeconds());
    }

    public static String detail(Job j) {
        return switch (j.state()) {
            case PENDING -> j.afterJob() != null ? "waits for job " + j.afterJob() + " (the backup of the current state) to succeed"
                    : "waiting for a free slot";
            case RUNNING -> j.phase() == null ? "starting" : j.phase();
            case SUCCEEDED -> j.startedAt() == null || j.finishedAt() == null ? "done"
                    : String.format(Locale.ROOT, "done in %.1f s", Duration.between(j.startedAt(), j.finishedAt()).toMillis() / 1000.0);
            case FAILED, CANCELLED, MISSED, SKIPPED -> j.error() == null ? j.state().name().toLowerCase() : capitalised(j.error());
        };
    }

    /** "running", or for a waiting job its place among every waiting job. */
    public static String state(Job j, long placeInLine) {
        if (j.state() == JobState.PENDING && placeInLine > 0) {
            return "waiting · " + ordinal(placeInLine) + " in line";
        }
        return j.state().name().toLowerCase(Locale.ROOT);
    }

    static String ordinal(long n) {
        long tens = n % 100;
        String suffix = tens >= 11 && tens <= 13 ? "th" : switch ((int) (n % 10)) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String eta(long seconds) {
        return seconds < 90 ? seconds + " s" : (seconds + 30) / 60 + " min";
    }
}
