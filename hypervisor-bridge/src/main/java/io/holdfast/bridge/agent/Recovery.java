package io.holdfast.bridge.agent;

import io.holdfast.bridge.backup.BackupEngine;
import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.Manifest;
import io.holdfast.bridge.datastore.SnapshotId;
import io.holdfast.bridge.libvirt.LibvirtHost;
import io.holdfast.bridge.libvirt.VmDomain;

import java.util.List;
import java.util.Optional;

/**
 * What a backup whose process died leaves behind, and its removal: libvirt keeps a pull-mode backup job
 * running (its NBD export open) and the checkpoint the job created, though no snapshot names it. After a
 * successful backup exactly one Holdfast checkpoint of a datastore remains, the one the newest snapshot
 * names; any other of that datastore's prefix belongs to a job that never committed.
 */
final class Recovery {

    private final Datastore datastore;
    private final JobEvents events;

    Recovery(Datastore datastore, JobEvents events) {
        this.datastore = datastore;
        this.events = events;
    }

    void cleanUp(LibvirtHost host, String domainUuid) {
        Optional<VmDomain> found = host.find(domainUuid);
        if (found.isEmpty()) {
            events.step("Domain " + domainUuid + " no longer exists: nothing to clean up");
            return;
        }
        VmDomain domain = found.get();
        if (domain.isActive() && domain.hasJob()) {
            domain.abortJob();
            events.step("libvirt: ended the backup job the dead runner left on " + domain.name() + " (domjobabort)");
        }
        String prefix = BackupEngine.checkpointPrefix(datastore);
        List<SnapshotId> snapshots = datastore.snapshots(domainUuid);
        String keep = snapshots.isEmpty() ? null
                : datastore.findManifest(snapshots.getLast()).map(Manifest::checkpoint).orElse(null);
        for (String checkpoint : domain.checkpoints()) {
            if (checkpoint.startsWith(prefix) && !checkpoint.equals(keep)) {
                domain.removeCheckpoint(checkpoint);
                events.step("libvirt: removed checkpoint " + checkpoint + ", which no committed snapshot names");
            }
        }
    }
}
