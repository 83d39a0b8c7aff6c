package io.holdfast.backup.bridge;

import java.util.List;

/** @param problems one sentence per bad or missing chunk; empty when the snapshot is sound */
public record VerifyOutcome(int chunksChecked, List<String> problems) {

    public VerifyOutcome {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
