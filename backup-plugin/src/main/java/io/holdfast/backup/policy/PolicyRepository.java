package io.holdfast.backup.policy;

import io.holdfast.policy.retention.RetentionRules;
import io.holdfast.policy.schedule.BackupWindow;
import io.holdfast.policy.schedule.Schedule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The policy tables: policies, which instance follows which, and instances the scheduler has seen. */
final class PolicyRepository {

    private final JdbcClient jdbc;

    PolicyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Policy> all() {
        return jdbc.sql("SELECT * FROM backup_policy ORDER BY name").query(PolicyRepository::policy).list();
    }

    Optional<Policy> find(long id) {
        return jdbc.sql("SELECT * FROM backup_policy WHERE id = ?").param(id).query(PolicyRepository::policy).optional();
    }

    long insert(Policy p) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO backup_policy (name, full_day, full_at, incremental_hours, window_start, window_end, zone, keep_last, "
                        + "keep_hourly, keep_daily, keep_weekly, keep_monthly, keep_yearly, manual_slots, max_incrementals, storage_id, "
                        + "all_disks, concurrency, offered, auto_enrol, verify_after_days) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(values(p)).update(keys, "id");
        return keys.getKey().longValue();
    }

    void update(Policy p) {
        List<Object> v = new java.util.ArrayList<>(values(p));
        v.add(p.id());
        jdbc.sql("UPDATE backup_policy SET name = ?, full_day = ?, full_at = ?, incremental_hours = ?, window_start = ?, window_end = ?, "
                        + "zone = ?, keep_last = ?, keep_hourly = ?, keep_daily = ?, keep_weekly = ?, keep_monthly = ?, keep_yearly = ?, "
                        + "manual_slots = ?, max_incrementals = ?, storage_id = ?, all_disks = ?, concurrency = ?, offered = ?, "
                        + "auto_enrol = ?, verify_after_days = ? WHERE id = ?")
                .params(v).update();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM backup_policy WHERE id = ?").param(id).update();
    }

    private static List<Object> values(Policy p) {
        Schedule s = p.schedule();
        RetentionRules r = p.retention();
        return java.util.Arrays.asList(p.name(), s.fullDay() == null ? null : s.fullDay().name(), Time.valueOf(s.fullAt()),
                s.incrementalHours(), s.window().allDay() ? null : Time.valueOf(s.window().start()),
                s.window().allDay() ? null : Time.valueOf(s.window().end()), s.zone().getId(), r.keepLast(), r.hourly(), r.daily(),
                r.weekly(), r.monthly(), r.yearly(), r.manualSlots(), p.maxIncrementals(), p.storageId(), p.allDisks(), p.concurrency(),
                p.offered(), p.autoEnrol(), p.verifyAfterDays());
    }

    void attach(long instanceId, long policyId, String by) {
        jdbc.sql("INSERT INTO backup_policy_instance (instance_id, policy_id, attached_by) VALUES (?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE policy_id = VALUES(policy_id), attached_by = VALUES(attached_by), attached_at = NOW(6)")
                .params(instanceId, policyId, by).update();
    }

    boolean detach(long instanceId) {
        return jdbc.sql("DELETE FROM backup_policy_instance WHERE instance_id = ?").param(instanceId).update() == 1;
    }

    Optional<Long> policyOf(long instanceId) {
        return jdbc.sql("SELECT policy_id FROM backup_policy_instance WHERE instance_id = ?").param(instanceId).query(Long.class).optional();
    }

    /** instance → policy, for every attached instance. */
    Map<Long, Long> attachments() {
        Map<Long, Long> map = new HashMap<>();
        jdbc.sql("SELECT instance_id, policy_id FROM backup_policy_instance").query((rs, n) -> map.put(rs.getLong(1), rs.getLong(2))).list();
        return map;
    }

    List<Long> attached(long policyId) {
        return jdbc.sql("SELECT instance_id FROM backup_policy_instance WHERE policy_id = ? ORDER BY instance_id").param(policyId)
                .query(Long.class).list();
    }

    java.time.Instant attachedAt(long instanceId) {
        return jdbc.sql("SELECT attached_at FROM backup_policy_instance WHERE instance_id = ?").param(instanceId)
                .query(java.sql.Timestamp.class).optional().map(java.sql.Timestamp::toInstant).orElse(null);
    }

    /** An instance following a policy since a time. */
    record Attachment(long instanceId, long policyId, java.time.Instant attachedAt) {
    }

    List<Attachment> attachmentList() {
        return jdbc.sql("SELECT instance_id, policy_id, attached_at FROM backup_policy_instance")
                .query((rs, n) -> new Attachment(rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toInstant())).list();
    }

    java.util.Set<Long> seen() {
        return new java.util.HashSet<>(jdbc.sql("SELECT instance_id FROM backup_instance_seen").query(Long.class).list());
    }

    /** Marks an instance seen; true the first time (it is new to the scheduler). */
    boolean firstSeen(long instanceId) {
        return jdbc.sql("INSERT IGNORE INTO backup_instance_seen (instance_id) VALUES (?)").param(instanceId).update() == 1;
    }

    Optional<java.time.Instant> lastGc(long storageId) {
        return jdbc.sql("SELECT last_gc_at FROM backup_storage_gc WHERE storage_id = ?").param(storageId)
                .query(java.sql.Timestamp.class).optional().map(java.sql.Timestamp::toInstant);
    }

    void gcQueued(long storageId, java.time.Instant at) {
        jdbc.sql("INSERT INTO backup_storage_gc (storage_id, last_gc_at) VALUES (?, ?) ON DUPLICATE KEY UPDATE last_gc_at = VALUES(last_gc_at)")
                .params(storageId, java.sql.Timestamp.from(at)).update();
    }

    private static Policy policy(ResultSet rs, int n) throws SQLException {
        String day = rs.getString("full_day");
        Time ws = rs.getTime("window_start");
        Time we = rs.getTime("window_end");
        ZoneId zone = ZoneId.of(rs.getString("zone"));
        Schedule schedule = new Schedule(day == null ? null : DayOfWeek.valueOf(day), rs.getTime("full_at").toLocalTime(),
                rs.getInt("incremental_hours"), ws == null ? BackupWindow.ALL_DAY : new BackupWindow(ws.toLocalTime(), we.toLocalTime()), zone);
        Integer manual = rs.getObject("manual_slots", Integer.class);
        RetentionRules retention = new RetentionRules(rs.getInt("keep_last"), rs.getInt("keep_hourly"), rs.getInt("keep_daily"),
                rs.getInt("keep_weekly"), rs.getInt("keep_monthly"), rs.getInt("keep_yearly"), manual, zone);
        return new Policy(rs.getLong("id"), rs.getString("name"), schedule, retention, rs.getInt("max_incrementals"),
                rs.getObject("storage_id", Long.class), rs.getBoolean("all_disks"), rs.getInt("concurrency"), rs.getBoolean("offered"),
                rs.getBoolean("auto_enrol"), rs.getObject("verify_after_days", Integer.class));
    }
}
