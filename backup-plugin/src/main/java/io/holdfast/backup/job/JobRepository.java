package io.holdfast.backup.job;

import io.holdfast.backup.database.LockRetry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The job and task-log tables. Times come from the database's clock, so every node agrees on them. */
final class JobRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int MESSAGE_LIMIT = 60_000;

    private final JdbcClient jdbc;

    JobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(JobKind kind, Long instanceId, Long tenantId, Long hypervisorId, Long storageId, Long snapshotId,
                JobParams params, String requestedBy, Long afterJob) {
        return LockRetry.call(() -> insertOnce(kind, instanceId, tenantId, hypervisorId, storageId, snapshotId, params, requestedBy, afterJob));
    }

    private long insertOnce(JobKind kind, Long instanceId, Long tenantId, Long hypervisorId, Long storageId, Long snapshotId,
                            JobParams params, String requestedBy, Long afterJob) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO backup_job (kind, state, instance_id, tenant_id, hypervisor_id, storage_id, snapshot_id, params, "
                        + "requested_by, after_job, target_instance_id) VALUES (?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(kind.name(), instanceId, tenantId, hypervisorId, storageId, snapshotId, JSON.writeValueAsString(params),
                        requestedBy, afterJob, params.targetInstanceId())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /**
     * A job of another feature's kind (a mirror, a sequence's run, a step of it): storage-wide, no instance.
     * With a slot, inserted at most once per (mirror or sequence, slot); empty when it already exists.
     */
    Optional<Long> insertOwned(JobKind kind, Long storageId, Long snapshotId, Long policyId, Long mirrorId, Long sequenceId,
                               Long parentJobId, JobParams params, String requestedBy, Instant slot, Long instanceId, Long tenantId,
                               Long hypervisorId) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO backup_job (kind, state, instance_id, tenant_id, hypervisor_id, storage_id, snapshot_id, params, "
                            + "requested_by, policy_id, mirror_id, sequence_id, parent_job_id, slot_at) "
                            + "VALUES (?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(kind.name(), instanceId, tenantId, hypervisorId, storageId, snapshotId, JSON.writeValueAsString(params),
                            requestedBy, policyId, mirrorId, sequenceId, parentJobId, slot == null ? null : Timestamp.from(slot))
                    .update(keys, "id");
            return Optional.of(keys.getKey().longValue());
        } catch (org.springframework.dao.DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    /** The jobs of one sequence run (its steps' jobs), oldest first. */
    List<Job> children(long parentJobId) {
        return jdbc.sql("SELECT * FROM backup_job WHERE parent_job_id = ? ORDER BY id").param(parentJobId)
                .query(JobRepository::job).list();
    }

    /** The newest jobs of a mirror or a sequence (its runs), newest first. */
    List<Job> latestOf(String column, long id, int limit) {
        if (!column.equals("mirror_id") && !column.equals("sequence_id")) {
            throw new IllegalArgumentException(column);
        }
        return jdbc.sql("SELECT * FROM backup_job WHERE " + column + " = ? AND parent_job_id IS NULL ORDER BY id DESC LIMIT ?")
                .params(id, limit).query(JobRepository::job).list();
    }

    /** Whether a mirror or sequence has a run waiting or running. */
    boolean activeOf(String column, long id) {
        if (!column.equals("mirror_id") && !column.equals("sequence_id")) {
            throw new IllegalArgumentException(column);
        }
        return jdbc.sql("SELECT COUNT(*) FROM backup_job WHERE " + column + " = ? AND state IN ('PENDING', 'RUNNING')")
                .param(id).query(Long.class).single() > 0;
    }

    /** The newest slot queued for each mirror or sequence. */
    java.util.Map<Long, Instant> lastSlotsOf(String column) {
        if (!column.equals("mirror_id") && !column.equals("sequence_id")) {
            throw new IllegalArgumentException(column);
        }
        java.util.Map<Long, Instant> map = new java.util.HashMap<>();
        jdbc.sql("SELECT " + column + ", MAX(slot_at) FROM backup_job WHERE " + column + " IS NOT NULL AND slot_at IS NOT NULL GROUP BY " + column)
                .query((rs, n) -> map.put(rs.getLong(1), rs.getTimestamp(2).toInstant())).list();
        return map;
    }

    /**
     * A job a policy's schedule asks for: inserted at most once per instance, kind and slot (a unique key), so
     * two nodes ticking the same minute queue it once. Empty when it already exists.
     */
    Optional<Long> insertScheduled(JobKind kind, Long instanceId, Long tenantId, Long hypervisorId, Long storageId, Long snapshotId,
                                   JobParams params, String requestedBy, long policyId, Instant slot, Instant deadline) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO backup_job (kind, state, instance_id, tenant_id, hypervisor_id, storage_id, snapshot_id, params, "
                            + "requested_by, policy_id, slot_at, deadline) VALUES (?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(kind.name(), instanceId, tenantId, hypervisorId, storageId, snapshotId, JSON.writeValueAsString(params),
                            requestedBy, policyId, Timestamp.from(slot), deadline == null ? null : Timestamp.from(deadline))
                    .update(keys, "id");
            return Optional.of(keys.getKey().longValue());
        } catch (org.springframework.dao.DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    /** A slot the scheduler did not run, recorded as an ended job with its reason (visible to the admin). */
    Optional<Long> insertEnded(JobKind kind, Long instanceId, Long tenantId, Long hypervisorId, JobState state, String reason,
                               String requestedBy, long policyId, Instant slot) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO backup_job (kind, state, instance_id, tenant_id, hypervisor_id, params, requested_by, policy_id, "
                            + "slot_at, finished_at, error) VALUES (?, ?, ?, ?, ?, '{}', ?, ?, ?, NOW(6), ?)")
                    .params(kind.name(), state.name(), instanceId, tenantId, hypervisorId, requestedBy, policyId, Timestamp.from(slot),
                            truncate(reason, 2000))
                    .update(keys, "id");
            return Optional.of(keys.getKey().longValue());
        } catch (org.springframework.dao.DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    /** The newest slot queued (or skipped, or missed) for each instance. */
    java.util.Map<Long, Instant> lastSlots() {
        java.util.Map<Long, Instant> map = new java.util.HashMap<>();
        jdbc.sql("SELECT instance_id, MAX(slot_at) FROM backup_job WHERE kind = 'BACKUP' AND slot_at IS NOT NULL GROUP BY instance_id")
                .query((rs, n) -> map.put(rs.getLong(1), rs.getTimestamp(2).toInstant())).list();
        return map;
    }

    /** Instances with a backup or restore waiting or running. */
    java.util.Set<Long> busyInstances() {
        java.util.Set<Long> set = new java.util.HashSet<>();
        jdbc.sql("SELECT instance_id, target_instance_id FROM backup_job WHERE state IN ('PENDING', 'RUNNING') AND kind IN ('BACKUP', 'RESTORE')")
                .query((rs, n) -> {
                    set.add(rs.getLong(1));
                    Long target = rs.getObject(2, Long.class);
                    if (target != null) {
                        set.add(target);
                    }
                    return null;
                }).list();
        return set;
    }

    boolean hasActiveFor(long snapshotId, JobKind kind) {
        return jdbc.sql("SELECT COUNT(*) FROM backup_job WHERE snapshot_id = ? AND kind = ? AND state IN ('PENDING', 'RUNNING')")
                .params(snapshotId, kind.name()).query(Long.class).single() > 0;
    }

    /** The database's clock, which every node shares. */
    Instant now() {
        return jdbc.sql("SELECT NOW(6)").query(Timestamp.class).single().toInstant();
    }

    Optional<Job> find(long id) {
        return jdbc.sql("SELECT * FROM backup_job WHERE id = ?").param(id).query(JobRepository::job).optional();
    }

    /** An instance's jobs (its own, and restores into it), newest first, one page. */
    List<Job> forInstance(long instanceId, int offset, int limit) {
        // two indexed lookups instead of one OR, which would scan every job
        return jdbc.sql("SELECT * FROM ((SELECT * FROM backup_job WHERE instance_id = ? ORDER BY id DESC LIMIT ?) UNION "
                        + "(SELECT * FROM backup_job WHERE target_instance_id = ? "
                        + "ORDER BY id DESC LIMIT ?)) j ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(instanceId, offset + limit, instanceId, offset + limit, limit, offset).query(JobRepository::job).list();
    }

    long countForInstance(long instanceId) {
        return jdbc.sql("SELECT (SELECT COUNT(*) FROM backup_job WHERE instance_id = ?) + (SELECT COUNT(*) FROM backup_job "
                + "WHERE target_instance_id = ? AND instance_id <> ?)").params(instanceId, instanceId, instanceId).query(Long.class).single();
    }

    /** Jobs that are waiting or running, for the instances' queue. */
    List<Job> active(long instanceId) {
        return jdbc.sql("SELECT * FROM backup_job WHERE state IN ('PENDING', 'RUNNING') AND (instance_id = ? "
                        + "OR target_instance_id = ?) ORDER BY id").params(instanceId, instanceId)
                .query(JobRepository::job).list();
    }

    /** Where a pending job stands among every pending job (1 = next). */
    long placeInLine(long jobId) {
        return jdbc.sql("SELECT COUNT(*) FROM backup_job WHERE state = 'PENDING' AND id <= ?").param(jobId).query(Long.class).single();
    }

    /** Every job matching the filter, newest first, one page. */
    List<Job> find(JobFilter filter, int offset, int limit) {
        List<Object> params = new java.util.ArrayList<>();
        StringBuilder sql = where("SELECT * FROM backup_job", filter, params);
        sql.append(" ORDER BY id DESC LIMIT ? OFFSET ?");
        params.add(limit);
        params.add(offset);
        return jdbc.sql(sql.toString()).params(params).query(JobRepository::job).list();
    }

    long count(JobFilter filter) {
        List<Object> params = new java.util.ArrayList<>();
        return jdbc.sql(where("SELECT COUNT(*) FROM backup_job", filter, params).toString()).params(params).query(Long.class).single();
    }

    private static StringBuilder where(String select, JobFilter filter, List<Object> params) {
        StringBuilder sql = new StringBuilder(select).append(" WHERE 1 = 1");
        condition(sql, params, "state", filter.state() == null ? null : filter.state().name());
        condition(sql, params, "kind", filter.kind() == null ? null : filter.kind().name());
        condition(sql, params, "instance_id", filter.instanceId());
        condition(sql, params, "tenant_id", filter.tenantId());
        condition(sql, params, "hypervisor_id", filter.hypervisorId());
        condition(sql, params, "storage_id", filter.storageId());
        return sql;
    }

    private static void condition(StringBuilder sql, List<Object> params, String column, Object value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
    }

    /** How many jobs ended in each state since {@code hours} ago. */
    java.util.Map<JobState, Long> outcomesSince(int hours) {
        java.util.Map<JobState, Long> counts = new java.util.EnumMap<>(JobState.class);
        jdbc.sql("SELECT state, COUNT(*) FROM backup_job WHERE finished_at > NOW(6) - INTERVAL ? HOUR GROUP BY state").param(hours)
                .query((rs, n) -> counts.put(JobState.valueOf(rs.getString(1)), rs.getLong(2))).list();
        return counts;
    }

    List<Job> failedSince(int hours, int limit) {
        return jdbc.sql("SELECT * FROM backup_job WHERE finished_at > NOW(6) - INTERVAL ? HOUR AND state = 'FAILED' "
                + "ORDER BY id DESC LIMIT ?").params(hours, limit).query(JobRepository::job).list();
    }

    List<Job> recent(int limit) {
        return jdbc.sql("SELECT * FROM backup_job ORDER BY id DESC LIMIT ?").param(limit).query(JobRepository::job).list();
    }

    /**
     * What the live views watch: every waiting or running job and those that ended a moment ago, in a few
     * columns. One cheap query a second for every open view together.
     */
    List<JobPulse> pulse() {
        return jdbc.sql("SELECT id, instance_id, target_instance_id, state, phase, percent, bytes_done, error "
                        + "FROM backup_job WHERE state IN ('PENDING', 'RUNNING') OR finished_at > NOW(6) - INTERVAL 30 SECOND")
                .query((rs, n) -> new JobPulse(rs.getLong(1), rs.getObject(2, Long.class), rs.getObject(3, Long.class), rs.getString(4), rs.getString(4) + "|" + rs.getString(5) + "|" + rs.getObject(6) + "|"
                        + rs.getObject(7) + "|" + rs.getString(8)))
                .list();
    }

    long count(JobState state) {
        return jdbc.sql("SELECT COUNT(*) FROM backup_job WHERE state = ?").param(state.name()).query(Long.class).single();
    }

    Optional<JobState> state(long id) {
        return jdbc.sql("SELECT state FROM backup_job WHERE id = ?").param(id).query(String.class).optional().map(JobState::valueOf);
    }

    List<Job> pending(int limit) {
        return jdbc.sql("SELECT * FROM backup_job WHERE state = 'PENDING' ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")
                .param(limit).query(JobRepository::job).list();
    }

    List<Job> running() {
        return jdbc.sql("SELECT * FROM backup_job WHERE state = 'RUNNING'").query(JobRepository::job).list();
    }

    /** Serialises claiming across nodes, so caps are counted on a consistent view. */
    void lockDispatch() {
        jdbc.sql("SELECT id FROM backup_dispatch_lock WHERE id = 1 FOR UPDATE").query(Integer.class).single();
    }

    void markRunning(long id, String node) {
        jdbc.sql("UPDATE backup_job SET state = 'RUNNING', node = ?, started_at = NOW(6), heartbeat_at = NOW(6) WHERE id = ? AND state = 'PENDING'")
                .params(node, id).update();
    }

    /** Ends a job unless it already ended (a reaper may have failed it meanwhile). */
    boolean finish(long id, JobState state, String error, Long resultSnapshot) {
        return LockRetry.call(() -> jdbc.sql("UPDATE backup_job SET state = ?, finished_at = NOW(6), error = ?, result_snapshot = ?, "
                        + "eta_seconds = NULL WHERE id = ? AND state IN ('PENDING', 'RUNNING')")
                .params(state.name(), truncate(error, 2000), resultSnapshot, id).update()) == 1;
    }

    void progress(long id, String phase, double percent, long done, long total, double rate, Long eta) {
        LockRetry.run(() -> jdbc.sql("UPDATE backup_job SET phase = ?, percent = ?, bytes_done = ?, bytes_total = ?, rate_bps = ?, "
                        + "eta_seconds = ? WHERE id = ?")
                .params(truncate(phase, 200), percent, done, total, rate, eta, id).update());
    }

    /**
     * Marks a node's running jobs alive. By their ids: a range over the state index would lock every running row,
     * other nodes' too, and make heartbeats take part in other nodes' lock conflicts.
     */
    void heartbeat(String node, java.util.Collection<Long> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        String ids = String.join(",", java.util.Collections.nCopies(jobs.size(), "?"));
        List<Object> params = new java.util.ArrayList<>(jobs);
        params.add(node);
        LockRetry.run(() -> jdbc.sql("UPDATE backup_job SET heartbeat_at = NOW(6) WHERE id IN (" + ids + ") AND node = ? AND state = 'RUNNING'")
                .params(params).update());
    }

    List<Long> cancelRequested(String node) {
        return jdbc.sql("SELECT id FROM backup_job WHERE node = ? AND state = 'RUNNING' AND cancel_requested").param(node)
                .query(Long.class).list();
    }

    boolean requestCancel(long id) {
        return jdbc.sql("UPDATE backup_job SET cancel_requested = TRUE WHERE id = ? AND state = 'RUNNING'").param(id).update() == 1;
    }

    boolean cancelPending(long id) {
        return jdbc.sql("UPDATE backup_job SET state = 'CANCELLED', finished_at = NOW(6), cancel_requested = TRUE, "
                + "error = 'Cancelled before it started.' WHERE id = ? AND state = 'PENDING'").param(id).update() == 1;
    }

    /** A failed job back to the queue, as if never started (a scheduled backup whose node died). */
    boolean requeue(long id) {
        return jdbc.sql("UPDATE backup_job SET state = 'PENDING', node = NULL, started_at = NULL, heartbeat_at = NULL, finished_at = NULL, "
                + "phase = NULL, percent = NULL, bytes_done = NULL, bytes_total = NULL, rate_bps = NULL, eta_seconds = NULL, error = NULL, "
                + "cancel_requested = FALSE WHERE id = ? AND state = 'FAILED'").param(id).update() == 1;
    }

    /** Running jobs whose node has not beaten for {@code seconds}, or that this node ran before it restarted. */
    List<Job> stale(int seconds, String node) {
        return jdbc.sql("SELECT * FROM backup_job WHERE state = 'RUNNING' AND (heartbeat_at < NOW(6) - INTERVAL ? SECOND OR node = ?)")
                .params(seconds, node).query(JobRepository::job).list();
    }

    void log(long jobId, String level, String message, Long durationMillis) {
        LockRetry.run(() -> jdbc.sql("INSERT INTO backup_task_log (job_id, level, message, duration_ms) VALUES (?, ?, ?, ?)")
                .params(jobId, level, truncate(message, MESSAGE_LIMIT), durationMillis).update());
    }

    /** One page of a job's task log, oldest first. */
    List<TaskLine> log(long jobId, int offset, int limit) {
        return jdbc.sql("SELECT at, level, message, duration_ms FROM backup_task_log WHERE job_id = ? ORDER BY id LIMIT ? OFFSET ?")
                .params(jobId, limit, offset)
                .query((rs, n) -> new TaskLine(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getObject(4, Long.class)))
                .list();
    }

    List<TaskLine> log(long jobId) {
        return jdbc.sql("SELECT at, level, message, duration_ms FROM backup_task_log WHERE job_id = ? ORDER BY id").param(jobId)
                .query((rs, n) -> new TaskLine(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getObject(4, Long.class)))
                .list();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static Job job(ResultSet rs, int n) throws SQLException {
        return new Job(rs.getLong("id"), JobKind.valueOf(rs.getString("kind")), JobState.valueOf(rs.getString("state")),
                rs.getObject("instance_id", Long.class), rs.getObject("tenant_id", Long.class),
                rs.getObject("hypervisor_id", Long.class), rs.getObject("storage_id", Long.class),
                rs.getObject("snapshot_id", Long.class), JSON.readValue(rs.getString("params"), JobParams.class),
                rs.getString("requested_by"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")), rs.getString("node"), rs.getString("phase"),
                rs.getObject("percent", Double.class), rs.getObject("bytes_done", Long.class),
                rs.getObject("bytes_total", Long.class), rs.getObject("rate_bps", Double.class),
                rs.getObject("eta_seconds", Long.class), rs.getBoolean("cancel_requested"), rs.getString("error"),
                rs.getObject("result_snapshot", Long.class), rs.getObject("after_job", Long.class),
                rs.getObject("policy_id", Long.class), instant(rs.getTimestamp("slot_at")), instant(rs.getTimestamp("deadline")),
                rs.getObject("mirror_id", Long.class), rs.getObject("sequence_id", Long.class), rs.getObject("parent_job_id", Long.class));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
