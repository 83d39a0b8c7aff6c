package io.holdfast.backup.mirror;

import io.holdfast.policy.retention.RetentionRules;
import io.holdfast.policy.schedule.BackupWindow;
import io.holdfast.policy.schedule.Schedule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** The backup_mirror table. */
final class MirrorRepository {

    private static final String COLUMNS = "name, source_storage_id, destination_storage_id, last_per_instance, scope, scope_id, "
            + "run_day, run_at, zone, keep_all, keep_last, keep_hourly, keep_daily, keep_weekly, keep_monthly, keep_yearly, bandwidth_bps";

    private final JdbcClient jdbc;

    MirrorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Mirror> all() {
        return jdbc.sql("SELECT * FROM backup_mirror ORDER BY name").query(MirrorRepository::mirror).list();
    }

    Optional<Mirror> find(long id) {
        return jdbc.sql("SELECT * FROM backup_mirror WHERE id = ?").param(id).query(MirrorRepository::mirror).optional();
    }

    Optional<Instant> createdAt(long id) {
        return jdbc.sql("SELECT created_at FROM backup_mirror WHERE id = ?").param(id).query(java.sql.Timestamp.class).optional()
                .map(java.sql.Timestamp::toInstant);
    }

    long insert(Mirror m) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO backup_mirror (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(values(m)).update(keys, "id");
        return keys.getKey().longValue();
    }

    void update(long id, Mirror m) {
        List<Object> params = new java.util.ArrayList<>(values(m));
        params.add(id);
        jdbc.sql("UPDATE backup_mirror SET " + COLUMNS.replace(",", " = ?,") + " = ? WHERE id = ?").params(params).update();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM backup_mirror WHERE id = ?").param(id).update();
    }

    boolean nameTaken(String name, long exceptId) {
        return jdbc.sql("SELECT COUNT(*) FROM backup_mirror WHERE name = ? AND id <> ?").params(name, exceptId).query(Long.class).single() > 0;
    }

    private static List<Object> values(Mirror m) {
        Schedule s = m.schedule();
        RetentionRules r = m.retention();
        ZoneId zone = s != null ? s.zone() : r != null ? r.zone() : ZoneOffset.UTC;
        return java.util.Arrays.asList(m.name(), m.sourceStorageId(), m.destinationStorageId(), m.lastPerInstance(), m.scope().name(),
                m.scopeId(), s == null || s.fullDay() == null ? null : s.fullDay().name(), s == null ? null : Time.valueOf(s.fullAt()),
                zone.getId(), r == null, r == null ? 0 : r.keepLast(), r == null ? 0 : r.hourly(), r == null ? 0 : r.daily(),
                r == null ? 0 : r.weekly(), r == null ? 0 : r.monthly(), r == null ? 0 : r.yearly(), m.bandwidthBytesPerSecond());
    }

    private static Mirror mirror(ResultSet rs, int n) throws SQLException {
        ZoneId zone = ZoneId.of(rs.getString("zone"));
        Time at = rs.getTime("run_at");
        String day = rs.getString("run_day");
        Schedule schedule = at == null ? null
                : new Schedule(day == null ? null : DayOfWeek.valueOf(day), at.toLocalTime(), 0, BackupWindow.ALL_DAY, zone);
        RetentionRules retention = rs.getBoolean("keep_all") ? null : new RetentionRules(rs.getInt("keep_last"), rs.getInt("keep_hourly"),
                rs.getInt("keep_daily"), rs.getInt("keep_weekly"), rs.getInt("keep_monthly"), rs.getInt("keep_yearly"), null, zone);
        return new Mirror(rs.getLong("id"), rs.getString("name"), rs.getLong("source_storage_id"), rs.getLong("destination_storage_id"),
                rs.getObject("last_per_instance", Integer.class), MirrorScope.valueOf(rs.getString("scope")),
                rs.getObject("scope_id", Long.class), schedule, retention, rs.getLong("bandwidth_bps"));
    }
}
