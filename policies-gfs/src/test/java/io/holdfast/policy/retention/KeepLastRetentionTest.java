package io.holdfast.policy.retention;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeepLastRetentionTest {

    /** backups: day:flag, "p" = protected; expected: the ids kept, newest first. */
    @ParameterizedTest(name = "keep {0} of {1} -> {2}")
    @CsvSource(delimiter = ';', value = {
            "1; 1,2,3; 3",
            "2; 1,2,3; 3,2",
            "5; 1,2,3; 3,2,1",
            "1; 1p,2,3; 3,1p",
            "2; 1,2p,3,4; 4,3,2p",
    })
    void keepsTheNewestAndTheProtected(int count, String backups, String expectedKept) {
        List<BackupPoint> points = new ArrayList<>();
        for (String b : backups.split(",")) {
            int day = Integer.parseInt(b.replace("p", ""));
            points.add(new BackupPoint(b, Instant.parse("2026-11-01T00:00:00Z").plusSeconds(86_400L * day), b.endsWith("p")));
        }
        List<RetentionDecision> decisions = new KeepLastRetention(count).decide(points);
        assertThat(decisions).hasSize(points.size());
        assertThat(decisions).allSatisfy(d -> assertThat(d.reason()).isNotBlank());
        assertThat(decisions.stream().filter(RetentionDecision::keep).map(RetentionDecision::backupId).toList())
                .containsExactly(expectedKept.split(","));
    }
}
