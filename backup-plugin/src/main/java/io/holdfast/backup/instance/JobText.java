package io.holdfast.backup.instance;

import io.holdfast.backup.job.Job;
import io.holdfast.backup.job.JobState;

import java.time.Duration;
import java.util.Locale;

/** How a job reads in the jobs list: what it is, how far it got, and what happened, in a few words. */
final class JobText {

    private JobText() {
    }

    static String kind(Job j) {
        return switch (j.kind()) {
            case BACKUP -> "backup · " + (j.params().fullRead() ? "full" : "incremental");
            case RESTORE -> "restore · " + switch (String.valueOf(j.params().restoreTarget())) {
                case "NEW_INSTANCE" -> "new instance";
                case "OTHER_INSTANCE" -> "other instance";
                default -> "in place";
            };
            case DELETE -> "delete";
            case VERIFY -> "verify";
        };
    }

    static String figures(Job j) {
        if (j.state() != JobState.RUNNING || j.rateBps() == null) {
            return "";
        }
        String rate = String.format(Locale.ROOT, "%.0f%% · %.1f MB/s", j.percent() == null ? 0 : j.percent(), j.rateBps() / 1e6);
        return j.etaSeconds() == null ? rate : rate + " · ETA " + eta(j.etaSeconds());
    }

    static String detail(Job j) {
        return switch (j.state()) {
            case PENDING -> "waiting for a free slot";
            case RUNNING -> j.phase() == null ? "starting" : j.phase();
            case SUCCEEDED -> j.startedAt() == null || j.finishedAt() == null ? "done"
                    : String.format(Locale.ROOT, "done in %.1f s", Duration.between(j.startedAt(), j.finishedAt()).toMillis() / 1000.0);
            case FAILED, CANCELLED -> j.error() == null ? j.state().name().toLowerCase() : j.error();
        };
    }

    private static String eta(long seconds) {
        return seconds < 90 ? seconds + " s" : (seconds + 30) / 60 + " min";
    }
}
