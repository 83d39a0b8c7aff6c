package io.holdfast.backup.mirror;

import io.holdfast.backup.catalog.SnapshotEntry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which snapshots a mirror copies: table of (catalog, scope, last N) → chosen, per instance oldest first. */
class MirrorSelectionTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    /** Snapshot "i.h": instance i, taken h hours after T0; its id is 10 * i + h. */
    private static SnapshotEntry snapshot(String name) {
        String[] parts = name.split("\\.");
        long instance = Long.parseLong(parts[0]);
        int hour = Integer.parseInt(parts[1]);
        return new SnapshotEntry(10 * instance + hour, 1, instance, null, "uuid-" + instance, name, false, List.of("vda"), 1, 1, 1,
                Duration.ZERO, T0.plus(Duration.ofHours(hour)), false, "UNVERIFIED", null, null, false, null);
    }

    @ParameterizedTest(name = "{0} | instances {1} | last {2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // catalog (any order)        | instances in scope | last N | chosen
            "1.1 1.2 1.3                 | 1                  | -      | 1.1 1.2 1.3",
            "1.3 1.1 1.2                 | 1                  | 2      | 1.2 1.3",
            "1.1 2.5 1.2 2.4 2.6         | 1 2                | 1      | 1.2 2.6",
            "1.1 2.5 1.2 2.4             | 2                  | -      | 2.4 2.5",
            "1.1 2.5                     | 3                  | -      | ",
            "1.1 1.2                     | 1                  | 5      | 1.1 1.2",
            "                            | 1                  | 1      | ",
    })
    void choosesTheNewestNOfEachInstanceInScope(String catalog, String scope, Integer lastN, String expected) {
        List<SnapshotEntry> rows = new ArrayList<>();
        for (String s : words(catalog)) {
            rows.add(snapshot(s));
        }
        Set<Long> instances = new HashSet<>();
        words(scope).forEach(w -> instances.add(Long.parseLong(w)));
        List<String> chosen = MirrorSelection.choose(rows, instances::contains, lastN).stream().map(SnapshotEntry::snapshot).toList();
        assertThat(chosen).containsExactlyElementsOf(words(expected));
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.strip().split("\\s+"));
    }
}
