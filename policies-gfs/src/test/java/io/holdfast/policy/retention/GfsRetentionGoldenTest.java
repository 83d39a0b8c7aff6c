package io.holdfast.policy.retention;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulated year — a backup every hour of 2026 and a daily one at 02:30, in Europe/Berlin — pruned by each
 * preset leaves exactly the set in {@code retention-year.golden}, reasons included. After a deliberate change
 * of the rules, regenerate with {@code -Dgolden.update=true} and read the difference before committing it.
 */
class GfsRetentionGoldenTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final String GOLDEN = "retention-year.golden";

    static List<BackupPoint> simulatedYear() {
        List<BackupPoint> backups = new ArrayList<>();
        Instant start = Instant.parse("2025-12-31T23:00:00Z"); // 2026-01-01 00:00 in Berlin
        Instant end = Instant.parse("2026-12-31T23:00:00Z");
        for (Instant t = start; t.isBefore(end); t = t.plusSeconds(3600)) {
            backups.add(new BackupPoint("hourly " + t, t, false));
        }
        for (var day = java.time.LocalDate.of(2026, 1, 1); day.getYear() == 2026; day = day.plusDays(1)) {
            Instant t = day.atTime(2, 30).atZone(ZONE).toInstant();
            backups.add(new BackupPoint("daily " + t, t, false));
        }
        return backups;
    }

    static String render() {
        Map<String, RetentionRules> presets = new java.util.LinkedHashMap<>();
        presets.put("gfs", RetentionPresets.gfs(ZONE));
        presets.put("linode-slots", RetentionPresets.linodeSlots(ZONE));
        presets.put("custom: keep last 6, 24 hourly, 14 daily", new RetentionRules(6, 24, 14, 0, 0, 0, null, ZONE));
        List<BackupPoint> year = simulatedYear();
        StringBuilder out = new StringBuilder();
        presets.forEach((name, rules) -> {
            List<RetentionDecision> decisions = new GfsRetention(rules).decide(year);
            long kept = decisions.stream().filter(RetentionDecision::keep).count();
            out.append("## ").append(name).append(" (").append(rules.describe()).append("): ").append(kept).append(" of ")
                    .append(year.size()).append(" kept\n");
            decisions.stream().filter(RetentionDecision::keep).forEach(d -> out.append(d.backupId()).append(" | ").append(d.reason()).append('\n'));
            out.append('\n');
        });
        return out.toString();
    }

    @Test
    void aSimulatedYearLeavesExactlyTheGoldenSet() throws IOException {
        String actual = render();
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(Path.of("src/test/resources/io/holdfast/policy/retention", GOLDEN), actual);
        }
        try (InputStream in = GfsRetentionGoldenTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as(GOLDEN + " (generate it with -Dgolden.update=true)").isNotNull();
            assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
