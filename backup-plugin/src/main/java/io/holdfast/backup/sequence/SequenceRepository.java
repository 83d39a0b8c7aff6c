package io.holdfast.backup.sequence;

import io.holdfast.policy.schedule.BackupWindow;
import io.holdfast.policy.schedule.Schedule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** The backup_sequence table; the steps are kept as JSON. */
final class SequenceRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<SequenceStep>> STEPS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    SequenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Sequence> all() {
        return jdbc.sql("SELECT * FROM backup_sequence ORDER BY name").query(SequenceRepository::sequence).list();
    }

    Optional<Sequence> find(long id) {
        return jdbc.sql("SELECT * FROM backup_sequence WHERE id = ?").param(id).query(SequenceRepository::sequence).optional();
    }

    Optional<Instant> createdAt(long id) {
        return jdbc.sql("SELECT created_at FROM backup_sequence WHERE id = ?").param(id).query(java.sql.Timestamp.class).optional()
                .map(java.sql.Timestamp::toInstant);
    }

    long insert(Sequence s) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO backup_sequence (name, run_day, run_at, zone, stop_on_failure, steps) VALUES (?, ?, ?, ?, ?, ?)")
                .params(values(s)).update(keys, "id");
        return keys.getKey().longValue();
    }

    void update(long id, Sequence s) {
        List<Object> params = new java.util.ArrayList<>(values(s));
        params.add(id);
        jdbc.sql("UPDATE backup_sequence SET name = ?, run_day = ?, run_at = ?, zone = ?, stop_on_failure = ?, steps = ? WHERE id = ?")
                .params(params).update();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM backup_sequence WHERE id = ?").param(id).update();
    }

    boolean nameTaken(String name, long exceptId) {
        return jdbc.sql("SELECT COUNT(*) FROM backup_sequence WHERE name = ? AND id <> ?").params(name, exceptId)
                .query(Long.class).single() > 0;
    }

    private static List<Object> values(Sequence s) {
        Schedule sc = s.schedule();
        ZoneId zone = sc == null ? ZoneOffset.UTC : sc.zone();
        return java.util.Arrays.asList(s.name(), sc == null || sc.fullDay() == null ? null : sc.fullDay().name(),
                sc == null ? null : Time.valueOf(sc.fullAt()), zone.getId(), s.stopOnFailure(), JSON.writeValueAsString(s.steps()));
    }

    private static Sequence sequence(ResultSet rs, int n) throws SQLException {
        Time at = rs.getTime("run_at");
        String day = rs.getString("run_day");
        Schedule schedule = at == null ? null : new Schedule(day == null ? null : DayOfWeek.valueOf(day), at.toLocalTime(), 0,
                BackupWindow.ALL_DAY, ZoneId.of(rs.getString("zone")));
        return new Sequence(rs.getLong("id"), rs.getString("name"), schedule, rs.getBoolean("stop_on_failure"),
                JSON.readValue(rs.getString("steps"), STEPS));
    }
}
