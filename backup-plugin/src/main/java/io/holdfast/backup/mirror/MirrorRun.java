package io.holdfast.backup.mirror;

import io.holdfast.bridge.agent.BridgeException;
import io.holdfast.backup.bridge.Bridges;
import io.holdfast.bridge.agent.MirrorOrder;
import io.holdfast.bridge.agent.MirrorOutcome;
import io.holdfast.bridge.agent.StorageAccess;
import io.holdfast.backup.catalog.Catalog;
import io.holdfast.backup.catalog.SnapshotEntry;
import io.holdfast.backup.job.Job;
import io.holdfast.backup.job.JobQueue;
import io.holdfast.backup.job.JobTask;
import io.holdfast.backup.job.JobWork;
import io.holdfast.backup.policy.PolicyEngine;
import io.holdfast.bridge.progress.ByteSizes;
import io.holdfast.bridge.progress.Cancellation;
import io.holdfast.plugin.api.SystemContext;
import io.holdfast.plugin.api.inventory.InstanceRef;
import io.holdfast.policy.retention.BackupPoint;
import io.holdfast.policy.retention.GfsRetention;
import io.holdfast.policy.retention.RetentionDecision;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * One run of a mirror, as a job: chooses the snapshots from the catalog, has the bridge copy them (the data
 * goes from storage to storage through the bridge, never through the master), records each copy in the
 * catalog, and applies the mirror's own retention at the destination (deletes queued as jobs, so their
 * task logs say why).
 */
final class MirrorRun implements JobWork {

    private final MirrorRepository mirrors;
    private final Catalog catalog;
    private final Bridges bridges;
    private final SystemContext system;
    private final JobQueue queue;
    private final PolicyEngine policies;

    MirrorRun(MirrorRepository mirrors, Catalog catalog, Bridges bridges, SystemContext system, JobQueue queue, PolicyEngine policies) {
        this.mirrors = mirrors;
        this.catalog = catalog;
        this.bridges = bridges;
        this.system = system;
        this.queue = queue;
        this.policies = policies;
    }

    @Override
    public Long run(Job job, JobTask task, Cancellation cancel) {
        Mirror m = mirror(job);
        StorageAccess source = task.storage(m.sourceStorageId());
        StorageAccess destination = capped(task.storage(m.destinationStorageId()), m.bandwidthBytesPerSecond());
        task.step("Mirror " + m.name() + ": " + m.describeSelection() + ", from storage " + source.name() + " to storage "
                + destination.name() + (destination.bandwidthBytesPerSecond() > 0
                ? " at most " + ByteSizes.human(destination.bandwidthBytesPerSecond()) + "/s" : ""));
        List<SnapshotEntry> chosen = MirrorSelection.choose(catalog.ofStorage(m.sourceStorageId()), inScope(m), m.lastPerInstance());
        Map<String, SnapshotEntry> there = new HashMap<>();
        catalog.ofStorage(m.destinationStorageId()).forEach(s -> there.put(s.snapshot(), s));
        Set<String> repair = new LinkedHashSet<>();
        for (SnapshotEntry s : chosen) {
            SnapshotEntry copy = there.get(s.snapshot());
            if (copy != null && "DAMAGED".equals(copy.verifyState())) {
                repair.add(s.snapshot());
            }
        }
        if (chosen.isEmpty()) {
            task.step("Nothing to mirror: storage " + source.name() + " holds no snapshot of the chosen instances");
        } else {
            task.step(chosen.size() + " snapshot(s) chosen" + (repair.isEmpty() ? "" : ", " + repair.size()
                    + " of them damaged at the destination (their missing chunks are sent again)"));
            MirrorOutcome outcome = bridges.local().mirror(new MirrorOrder(source, destination,
                    chosen.stream().map(SnapshotEntry::snapshot).toList(), repair, job.ref()), task, cancel);
            record(job, m, chosen, there, outcome, task);
        }
        applyRetention(m, chosen, task);
        return null;
    }

    private void record(Job job, Mirror m, List<SnapshotEntry> chosen, Map<String, SnapshotEntry> there, MirrorOutcome o, JobTask task) {
        Map<String, SnapshotEntry> byName = new HashMap<>();
        chosen.forEach(s -> byName.put(s.snapshot(), s));
        int recorded = 0;
        for (List<String> committed : List.of(o.mirrored(), o.alreadyThere())) {
            for (String name : committed) {
                if (!there.containsKey(name) && byName.containsKey(name)) {
                    catalog.recordCopy(byName.get(name), m.destinationStorageId(), o.sentBySnapshot().getOrDefault(name, 0L), job.id());
                    recorded++;
                }
            }
        }
        for (String name : o.repaired()) {
            catalog.repaired(there.get(name).id());
        }
        double seconds = Math.max(o.duration().toMillis(), 1) / 1000.0;
        task.step(String.format(Locale.ROOT, "Mirrored %d snapshot(s), %d already there, %d repaired; sent %d chunk(s), %s "
                        + "(%.1f MB/s), %d chunk(s) found at the destination%s; %d copies recorded in the catalog, in %.1f s",
                o.mirrored().size(), o.alreadyThere().size(), o.repaired().size(), o.chunksSent(), ByteSizes.human(o.bytesSent()),
                o.bytesSent() / 1e6 / seconds, o.chunksFound(), o.rekeyed() ? " (re-keyed for the destination's key)" : "", recorded,
                seconds));
        if (!o.refused().isEmpty()) {
            o.refused().forEach((name, why) -> task.error("Snapshot " + name + " " + why));
            Map.Entry<String, String> first = o.refused().entrySet().iterator().next();
            throw new BridgeException(o.refused().size() + " snapshot(s) not mirrored (the others were): " + first.getKey() + " "
                    + first.getValue() + ".");
        }
    }

    /** The mirror's own retention over each chosen instance's copies at the destination. */
    private void applyRetention(Mirror m, List<SnapshotEntry> chosen, JobTask task) {
        if (m.retention() == null) {
            return;
        }
        GfsRetention retention = new GfsRetention(m.retention());
        Set<Long> instances = new LinkedHashSet<>();
        chosen.forEach(s -> instances.add(s.instanceId()));
        int queued = 0;
        for (long instanceId : instances) {
            Optional<InstanceRef> instance = system.instances().find(instanceId);
            if (instance.isEmpty()) {
                continue;
            }
            List<SnapshotEntry> copies = catalog.inStorage(instanceId, m.destinationStorageId());
            Map<String, SnapshotEntry> byId = new HashMap<>();
            copies.forEach(s -> byId.put(Long.toString(s.id()), s));
            List<BackupPoint> points = copies.stream()
                    .map(s -> new BackupPoint(Long.toString(s.id()), s.createdAt(), s.isProtected(), true, s.manual())).toList();
            for (RetentionDecision d : retention.decide(points)) {
                if (!d.keep() && queue.delete(byId.get(d.backupId()), instance.get(), "mirror retention",
                        "Queued by the retention of mirror " + m.name() + " at its destination: " + d.reason() + " ("
                                + m.retention().describe() + ")").isPresent()) {
                    queued++;
                }
            }
        }
        task.step("Retention at the destination (" + m.retention().describe() + "): " + queued + " copy(ies) to delete");
    }

    private LongPredicate inScope(Mirror m) {
        return switch (m.scope()) {
            case ALL -> id -> true;
            case TENANT -> {
                Set<Long> ids = new HashSet<>();
                system.instances().visible().stream()
                        .filter(i -> i.tenantId().isPresent() && i.tenantId().getAsLong() == m.scopeId())
                        .forEach(i -> ids.add(i.id()));
                yield ids::contains;
            }
            case POLICY -> {
                Set<Long> ids = new HashSet<>(policies.attachedInstances(m.scopeId()));
                yield ids::contains;
            }
        };
    }

    private static StorageAccess capped(StorageAccess s, long bytesPerSecond) {
        if (bytesPerSecond <= 0 || (s.bandwidthBytesPerSecond() > 0 && s.bandwidthBytesPerSecond() <= bytesPerSecond)) {
            return s;
        }
        return new StorageAccess(s.name(), s.remote(), s.sftpPrivateKey(), s.datastoreKey(), bytesPerSecond);
    }

    private Mirror mirror(Job job) {
        return Optional.ofNullable(job.mirrorId()).flatMap(mirrors::find)
                .orElseThrow(() -> new BridgeException("The mirror of this job no longer exists."));
    }

    @Override
    public void recover(Job job, JobTask task) {
        Optional.ofNullable(job.mirrorId()).flatMap(mirrors::find).ifPresent(m ->
                bridges.local().forgetRun(task.storage(m.destinationStorageId()), job.ref(), task));
    }
}
