package io.holdfast.backup.mirror;

import io.holdfast.backup.catalog.SnapshotEntry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/** Which of a source storage's snapshots a mirror copies: those of the chosen instances, the newest N of each. */
final class MirrorSelection {

    private MirrorSelection() {
    }

    /**
     * @param snapshots       the source storage's catalog rows, in any order
     * @param instanceChosen  whether an instance is in the mirror's scope
     * @param lastPerInstance the newest N per instance; null: all
     * @return the chosen rows, per instance oldest first
     */
    static List<SnapshotEntry> choose(List<SnapshotEntry> snapshots, LongPredicate instanceChosen, Integer lastPerInstance) {
        Map<Long, List<SnapshotEntry>> perInstance = new LinkedHashMap<>();
        for (SnapshotEntry s : snapshots) {
            if (instanceChosen.test(s.instanceId())) {
                perInstance.computeIfAbsent(s.instanceId(), k -> new ArrayList<>()).add(s);
            }
        }
        List<SnapshotEntry> chosen = new ArrayList<>();
        for (List<SnapshotEntry> list : perInstance.values()) {
            list.sort(Comparator.comparing(SnapshotEntry::createdAt).thenComparing(SnapshotEntry::id));
            int from = lastPerInstance == null ? 0 : Math.max(0, list.size() - lastPerInstance);
            chosen.addAll(list.subList(from, list.size()));
        }
        return chosen;
    }
}
