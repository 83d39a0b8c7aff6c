package io.holdfast.backup.api;

import io.holdfast.backup.catalog.SnapshotEntry;
import io.holdfast.backup.job.Job;
import io.holdfast.backup.job.TaskLine;

import java.time.Instant;
import java.util.List;

/** What the API returns: stable, flat records with ISO-8601 times. */
final class ApiViews {

    private ApiViews() {
    }

    record Backup(long id, long instanceId, String snapshot, String type, List<String> disks, long diskBytes, long bytesRead,
                  long bytesStored, long durationMillis, String createdAt, long storageId, boolean isProtected, String verifyState,
                  String verifiedAt, boolean manual, Long copyOf, String notes) {
        static Backup of(SnapshotEntry s) {
            return new Backup(s.id(), s.instanceId(), s.snapshot(), s.incremental() ? "incremental" : "full", s.disks(), s.diskBytes(),
                    s.bytesRead(), s.bytesStored(), s.duration().toMillis(), time(s.createdAt()), s.storageId(), s.isProtected(),
                    s.verifyState(), time(s.verifiedAt()), s.manual(), s.copyOf(), s.notes());
        }
    }

    record JobView(long id, String kind, String state, Long instanceId, Long storageId, Long backupId, String requestedBy,
                   String createdAt, String startedAt, String finishedAt, String phase, Double percent, Long bytesDone,
                   Long bytesTotal, Double bytesPerSecond, Long etaSeconds, String error, Long resultBackupId, Long parentJobId) {
        static JobView of(Job j) {
            return new JobView(j.id(), j.kind().name().toLowerCase(), j.state().name().toLowerCase(), j.instanceId(), j.storageId(),
                    j.snapshotId(), j.requestedBy(), time(j.createdAt()), time(j.startedAt()), time(j.finishedAt()), j.phase(),
                    j.percent(), j.bytesDone(), j.bytesTotal(), j.rateBps(), j.etaSeconds(), j.error(), j.resultSnapshot(),
                    j.parentJobId());
        }
    }

    /** A queued job: where to follow it. */
    record Queued(long jobId, String job, String log) {
        static Queued of(long jobId) {
            return new Queued(jobId, "/api/v1/jobs/" + jobId, "/api/v1/jobs/" + jobId + "/log");
        }
    }

    record LogLine(String at, String level, String message, Long durationMillis) {
        static LogLine of(TaskLine l) {
            return new LogLine(time(l.at()), l.level(), l.message(), l.durationMillis());
        }
    }

    /** A page of a task log; {@code nextCursor} asks for the lines after these (poll it to follow a running job). */
    record LogPage(List<LogLine> lines, int nextCursor, boolean ended) {
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
