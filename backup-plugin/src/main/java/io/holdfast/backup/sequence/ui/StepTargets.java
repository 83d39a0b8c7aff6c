package io.holdfast.backup.sequence.ui;

import io.holdfast.backup.sequence.SequenceStep;

import java.util.List;
import java.util.Map;

/**
 * What each kind of step can name, by id and name (policies, mirrors, storages), for the sequence forms.
 *
 * @param byKind for each kind, its choices: id → name
 */
public record StepTargets(Map<SequenceStep.Kind, Map<Long, String>> byKind) {

    /** The admin's policies, mirrors and storages, as steps can name them. */
    public static StepTargets of(List<io.holdfast.backup.policy.Policy> policies, List<io.holdfast.backup.mirror.Mirror> mirrors,
                                 List<io.holdfast.backup.storage.StorageSummary> storages) {
        Map<Long, String> p = new java.util.LinkedHashMap<>();
        policies.forEach(x -> p.put(x.id(), x.name()));
        Map<Long, String> m = new java.util.LinkedHashMap<>();
        mirrors.forEach(x -> m.put(x.id(), x.name()));
        Map<Long, String> s = new java.util.LinkedHashMap<>();
        storages.forEach(x -> s.put(x.id(), x.name()));
        return new StepTargets(Map.of(SequenceStep.Kind.BACKUP, p, SequenceStep.Kind.MIRROR, m, SequenceStep.Kind.VERIFY, s,
                SequenceStep.Kind.GC, s));
    }

    String name(SequenceStep step) {
        return byKind.getOrDefault(step.kind(), Map.of()).getOrDefault(step.targetId(), "#" + step.targetId() + " (removed)");
    }

    List<Long> ids(SequenceStep.Kind kind) {
        return List.copyOf(byKind.getOrDefault(kind, Map.of()).keySet());
    }

    static String describe(SequenceStep step, StepTargets targets) {
        return switch (step.kind()) {
            case BACKUP -> "Back up the instances of policy " + targets.name(step);
            case MIRROR -> "Run mirror " + targets.name(step);
            case VERIFY -> "Verify storage " + targets.name(step);
            case GC -> "Garbage-collect storage " + targets.name(step);
        };
    }
}
