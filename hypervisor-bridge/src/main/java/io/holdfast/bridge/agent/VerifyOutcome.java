package io.holdfast.bridge.agent;

import java.util.List;

/**
 * @param problems one sentence per bad or missing chunk and per damaged snapshot; empty when all is sound
 * @param damaged  the datastore ids of the snapshots that use a bad chunk or have a bad index
 */
public record VerifyOutcome(int chunksChecked, List<String> problems, List<String> damaged) {

    public VerifyOutcome {
        problems = List.copyOf(problems);
        damaged = List.copyOf(damaged);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
