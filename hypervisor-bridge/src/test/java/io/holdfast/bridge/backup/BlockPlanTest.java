package io.holdfast.bridge.backup;

import io.holdfast.bridge.nbd.Extent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BlockPlanTest {

    private static final long M = 1 << 20;

    /**
     * A 16 MiB disk (4 blocks). allocation: "start-end:flags" in MiB; dirty likewise (flag 1 = dirty, "-" =
     * no bitmap); expected: one letter per block, Z = zero, R = reuse, D = read (data).
     */
    @ParameterizedTest(name = "{0} | {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "0-16:0        | -             | DDDD",
            "0-16:3        | -             | ZZZZ",
            "0-4:0 4-16:3  | -             | DZZZ",
            "0-6:3 6-16:0  | -             | ZDDD",
            "0-2:3 2-4:3 4-16:0 | -        | ZDDD",
            "0-8:0         | -             | DDDD",
            "0-16:0        | 0-16:0        | RRRR",
            "0-16:0        | 0-5:0 5-6:1 6-16:0 | RDRR",
            "0-4:0 4-16:3  | 0-16:1        | DZZZ",
            "0-16:2        | -             | ZZZZ",
    })
    void decidesPerBlock(String allocation, String dirty, String expected) {
        boolean incremental = !dirty.isBlank() && !dirty.strip().equals("-");
        BlockPlan plan = new BlockPlan(16 * M, incremental);
        plan.allocation(extents(allocation));
        if (incremental) {
            plan.dirty(extents(dirty));
        }
        StringBuilder actual = new StringBuilder();
        for (int b = 0; b < plan.blocks(); b++) {
            actual.append(switch (plan.action(b)) {
                case ZERO -> 'Z';
                case REUSE -> 'R';
                case READ -> 'D';
            });
        }
        assertThat(actual.toString()).isEqualTo(expected.strip());
        assertThat(plan.bytesToRead()).isEqualTo(expected.strip().chars().filter(c -> c == 'D').count() * 4 * M);
    }

    private static List<Extent> extents(String text) {
        List<Extent> list = new ArrayList<>();
        for (String part : text.strip().split("\\s+")) {
            String[] range = part.split(":");
            String[] bounds = range[0].split("-");
            long from = Long.parseLong(bounds[0]) * M;
            long to = Long.parseLong(bounds[1]) * M;
            list.add(new Extent(from, to - from, Integer.parseInt(range[1])));
        }
        return list;
    }
}
