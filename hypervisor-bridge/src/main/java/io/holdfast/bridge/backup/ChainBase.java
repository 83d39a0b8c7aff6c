package io.holdfast.bridge.backup;

import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.Manifest;
import io.holdfast.bridge.datastore.SnapshotId;
import io.holdfast.bridge.libvirt.VmDisk;
import io.holdfast.bridge.qemu.QemuImages;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The snapshot an incremental builds on: the newest snapshot of this instance in this datastore that
 * recorded a checkpoint, if that checkpoint is still usable for every disk. Each datastore has its own
 * chain (checkpoint names carry the datastore id), so backups to two datastores never disturb each other.
 */
record ChainBase(Manifest manifest, String checkpoint) {

    static String checkpointPrefix(Datastore datastore) {
        return BackupEngine.CHECKPOINT_PREFIX + datastore.config().id().substring(0, 8) + "-";
    }

    /**
     * @param liveCheckpoints the domain's checkpoints if it runs, or null for a stopped domain
     * @param notes           receives why no base could be used
     */
    static Optional<ChainBase> find(Datastore datastore, String instanceUuid, List<VmDisk> disks, Map<String, Long> sizes,
                                    List<String> liveCheckpoints, List<String> notes) {
        List<SnapshotId> ids = datastore.snapshots(instanceUuid);
        Manifest base = null;
        for (int i = ids.size() - 1; i >= 0 && base == null; i--) {
            Manifest m = datastore.manifest(ids.get(i));
            if (m.checkpoint() != null && m.checkpoint().startsWith(checkpointPrefix(datastore))) {
                base = m;
            }
        }
        if (base == null) {
            if (!ids.isEmpty()) {
                notes.add("No earlier backup of this instance in this datastore has a checkpoint: every allocated block "
                        + "was read; only changed blocks were stored.");
            }
            return Optional.empty();
        }
        String checkpoint = base.checkpoint();
        for (VmDisk disk : disks) {
            Optional<Manifest.DiskEntry> entry = base.disks().stream().filter(d -> d.name().equals(disk.target())).findFirst();
            if (entry.isEmpty() || entry.get().sizeBytes() != sizes.get(disk.target())) {
                notes.add("Disk " + disk.target() + " is new or changed size since snapshot " + base.snapshot()
                        + ": every allocated block was read and a new checkpoint chain starts.");
                return Optional.empty();
            }
        }
        if (liveCheckpoints != null && !liveCheckpoints.contains(checkpoint)) {
            notes.add("Checkpoint " + checkpoint + " of snapshot " + base.snapshot() + " no longer exists in libvirt "
                    + "(VM moved or checkpoint removed): every allocated block was read and a new checkpoint chain starts.");
            return Optional.empty();
        }
        if (liveCheckpoints == null) {
            for (VmDisk disk : disks) {
                if (!"qcow2".equals(disk.format()) || !QemuImages.bitmaps(disk.source()).contains(checkpoint)) {
                    notes.add("Disk " + disk.target() + " has no bitmap for checkpoint " + checkpoint
                            + ": every allocated block was read.");
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new ChainBase(base, checkpoint));
    }
}
