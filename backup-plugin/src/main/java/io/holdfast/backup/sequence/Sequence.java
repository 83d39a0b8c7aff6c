package io.holdfast.backup.sequence;

import io.holdfast.policy.schedule.Schedule;

import java.util.List;

/**
 * A backup sequence: steps run one after the other, each starting when the previous one has ended.
 *
 * @param schedule      when it runs by itself (a daily or weekly time); null: only when run by hand
 * @param stopOnFailure a failed step stops the rest (otherwise the next step runs all the same)
 */
public record Sequence(long id, String name, Schedule schedule, boolean stopOnFailure, List<SequenceStep> steps) {

    public Sequence {
        steps = List.copyOf(steps);
    }
}
