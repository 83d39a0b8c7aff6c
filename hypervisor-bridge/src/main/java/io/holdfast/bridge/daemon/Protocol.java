package io.holdfast.bridge.daemon;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.holdfast.bridge.agent.BackupOrder;
import io.holdfast.bridge.agent.MirrorOrder;
import io.holdfast.bridge.agent.RestoreOrder;
import io.holdfast.bridge.agent.StorageAccess;
import io.holdfast.bridge.progress.Progress;
import io.holdfast.bridge.remote.RemoteConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * The daemon's wire format: JSON over HTTPS, version 1 (paths under {@code /v1}). Requests are the agent's own
 * records ({@link BackupOrder}, {@link RestoreOrder}, ...), so the daemon runs exactly what an in-process bridge
 * would; a storage's secrets travel only in the body of a job's request, over TLS, and stay in the daemon's
 * memory.
 *
 * <pre>
 * PUT  /v1/jobs/{id}                 JobOrder → JobStatus        (idempotent: the client chooses the id)
 * GET  /v1/jobs/{id}                 → JobStatus
 * GET  /v1/jobs/{id}/events?from=N&amp;waitMillis=W → JobEvents   (long poll: lines from N, state, progress)
 * POST /v1/jobs/{id}/cancel          → JobStatus
 * GET  /v1/jobs                      → [JobStatus]               (recent jobs, crashed ones included)
 * GET  /v1/health                    → Health                    (no token needed; no secret in it)
 * GET  /metrics                      Prometheus text             (no token needed; no secret in it)
 * </pre>
 * Every other call needs {@code Authorization: Bearer <token>}.
 */
final class Protocol {

    static final String PREFIX = "/v1";

    private Protocol() {
    }

    static JsonMapper mapper() {
        return JsonMapper.builder()
                .addMixIn(RemoteConfig.class, RemoteConfigTypes.class)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** How a {@link RemoteConfig} names its kind on the wire (the bridge's records carry no Jackson annotations). */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = RemoteConfig.Local.class, name = "local"),
            @JsonSubTypes.Type(value = RemoteConfig.Sftp.class, name = "sftp"),
            @JsonSubTypes.Type(value = RemoteConfig.Ftp.class, name = "ftp"),
            @JsonSubTypes.Type(value = RemoteConfig.S3.class, name = "s3"),
            @JsonSubTypes.Type(value = RemoteConfig.Rclone.class, name = "rclone")})
    interface RemoteConfigTypes {
    }

    enum Kind { PROBE, BACKUP, RESTORE, VERIFY, MIRROR, LIST, GC, DELETE_SNAPSHOT, FORGET_RUN, RECOVER }

    enum State {
        RUNNING, SUCCEEDED, FAILED, CANCELLED;

        boolean finished() {
            return this != RUNNING;
        }
    }

    /**
     * A job to start: its kind and the arguments that kind uses (the others are null). {@code toString} shows
     * no secret (the storages print themselves without theirs).
     */
    record JobOrder(Kind kind, StorageAccess storage, BackupOrder backup, RestoreOrder restore, MirrorOrder mirror,
                    String snapshot, String domainUuid, String jobRef) {

        /** The instance whose libvirt state the job changes, for the cleanup after a crash; null if none. */
        String domain() {
            return switch (kind) {
                case BACKUP -> backup.domainUuid();
                case RESTORE -> restore.target() == RestoreOrder.Target.NEW_INSTANCE ? null : restore.domainUuid();
                case RECOVER -> domainUuid;
                default -> null;
            };
        }

        String reference() {
            return kind == Kind.BACKUP ? backup.jobRef() : kind == Kind.MIRROR ? mirror.jobRef() : jobRef;
        }
    }

    /**
     * @param interrupted the daemon stopped while the job ran (it was failed and cleaned up at the next start)
     * @param result      the kind's result record as JSON, when it succeeded
     */
    record JobStatus(String id, Kind kind, State state, Progress progress, int lines, String error, boolean interrupted,
                     tools.jackson.databind.JsonNode result) {
    }

    enum Level { STEP, WARN }

    record Line(Level level, String text) {
    }

    /** Lines {@code from} on, up to {@code next}; the state as it was when they were read. */
    record Events(JobStatus status, List<Line> lines, int next) {
    }

    record Health(String status, String version, int runningJobs, String fingerprint) {
    }

    /** An error answer: one sentence; never a stack trace. */
    record Problem(int status, String detail) {
    }
}
