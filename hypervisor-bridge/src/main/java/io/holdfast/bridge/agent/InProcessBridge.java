package io.holdfast.bridge.agent;

import io.holdfast.bridge.backup.BackupEngine;
import io.holdfast.bridge.backup.BackupException;
import io.holdfast.bridge.backup.BackupRequest;
import io.holdfast.bridge.backup.BackupResult;
import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.DatastoreException;
import io.holdfast.bridge.datastore.Manifest;
import io.holdfast.bridge.datastore.SnapshotId;
import io.holdfast.bridge.libvirt.HypervisorException;
import io.holdfast.bridge.libvirt.LibvirtHost;
import io.holdfast.bridge.libvirt.VmDomain;
import io.holdfast.bridge.maintenance.Verifier;
import io.holdfast.bridge.mirror.MirrorEngine;
import io.holdfast.bridge.mirror.MirrorException;
import io.holdfast.bridge.mirror.MirrorReport;
import io.holdfast.bridge.mirror.MirrorRequest;
import io.holdfast.bridge.maintenance.VerifyReport;
import io.holdfast.bridge.progress.Cancellation;
import io.holdfast.bridge.progress.Steps;
import io.holdfast.bridge.remote.ConfigException;
import io.holdfast.bridge.remote.RemoteException;
import io.holdfast.bridge.remote.RemoteProbe;
import io.holdfast.bridge.restore.RestoreException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The bridge of the hypervisor this JVM runs on, calling the engines directly. Per-hypervisor settings
 * (libvirt URI, work folder, how long a guest may take to shut down) belong to it, not to requests.
 */
public final class InProcessBridge implements Bridge {

    private final String libvirtUri;
    private final Path workDir;
    private final Duration shutdownTimeout;
    private final Path rcloneConfig;

    public InProcessBridge(String libvirtUri, Path workDir, Duration shutdownTimeout, Path rcloneConfig) {
        this.libvirtUri = libvirtUri;
        this.workDir = workDir;
        this.shutdownTimeout = shutdownTimeout;
        this.rcloneConfig = rcloneConfig;
    }

    @Override
    public ProbeReport probe(StorageAccess storage) {
        try (OpenedStorage opened = OpenedStorage.remoteOnly(local(storage), workDir)) {
            RemoteProbe.Result r = RemoteProbe.probe(opened.config());
            return new ProbeReport(r.ok(), r.message(), r.writeMBps(), r.readMBps(), r.serverFingerprint());
        } catch (RuntimeException e) {
            return new ProbeReport(false, sentence(e), 0, 0, null);
        }
    }

    @Override
    public BackupOutcome backup(BackupOrder order, JobEvents events, Cancellation cancel) {
        return classified(events, () -> {
            List<String> disks;
            try (LibvirtHost host = LibvirtHost.connect(libvirtUri)) {
                VmDomain domain = host.find(order.domainUuid()).orElseThrow(() -> new BridgeException(
                        "The instance's domain " + order.domainUuid() + " no longer exists on this hypervisor."));
                events.step("libvirt: domain " + domain.name() + " is " + (domain.isActive() ? "running" : "shut off"));
                disks = order.allDisks() || domain.disks().isEmpty() ? List.of() : List.of(domain.disks().getFirst().target());
            }
            try (OpenedStorage opened = OpenedStorage.datastore(local(order.storage()), workDir, true)) {
                Datastore datastore = opened.datastore();
                events.step("Datastore " + order.storage().remote().describe() + " (format v" + datastore.config().version()
                        + (datastore.config().encrypted() ? ", encrypted" : "") + ")");
                BackupRequest request = new BackupRequest(order.domainUuid(), disks, order.fullRead(), order.tenant(),
                        workDir, libvirtUri, order.jobRef());
                events.step((order.fullRead() ? "Full" : "Incremental") + " backup of "
                        + (disks.isEmpty() ? "every disk" : "disk " + disks.getFirst()) + " begins (libvirt pull mode or qemu-nbd)");
                BackupResult result = new BackupEngine(datastore).backup(request, events::progress, cancel);
                boolean incremental = Manifest.INCREMENTAL.equals(result.type());
                if (!order.fullRead() && !incremental) {
                    events.warn("Bitmap not found, falling back to full backup: every allocated block was read.");
                }
                result.notes().forEach(events::step);
                Manifest manifest = datastore.manifest(result.snapshot());
                List<BackupOutcome.DiskSize> sizes = manifest.disks().stream()
                        .map(d -> new BackupOutcome.DiskSize(d.name(), d.sizeBytes())).toList();
                return new BackupOutcome(result.snapshot().toString(), manifest.startedAt(), incremental, sizes,
                        result.bytesRead(), result.bytesStored(), result.duration(), result.notes());
            }
        });
    }

    @Override
    public RestoreOutcome restore(RestoreOrder order, JobEvents events, Cancellation cancel) {
        return classified(events, () -> {
            try (OpenedStorage opened = OpenedStorage.datastore(local(order.storage()), workDir, false)) {
                Restores restores = new Restores(libvirtUri, workDir, shutdownTimeout, opened.datastore(), events, cancel);
                SnapshotId id = SnapshotId.parse(order.snapshot());
                return switch (order.target()) {
                    case IN_PLACE -> restores.inPlace(id, order.domainUuid());
                    case NEW_INSTANCE -> restores.newInstance(id, order.newName());
                    case OTHER_INSTANCE -> restores.otherInstance(id, order.domainUuid());
                };
            }
        });
    }

    @Override
    public VerifyOutcome verify(StorageAccess storage, String snapshot, JobEvents events, Cancellation cancel) {
        return classified(events, () -> {
            try (OpenedStorage opened = OpenedStorage.datastore(local(storage), workDir, false)) {
                VerifyReport report = new Verifier(opened.datastore()).verify(
                        snapshot == null ? List.of() : List.of(SnapshotId.parse(snapshot)), events::progress, cancel);
                return new VerifyOutcome(report.chunksChecked(), report.ok() ? List.of() : report.lines(),
                        names(List.copyOf(report.damaged().keySet())));
            }
        });
    }

    @Override
    public MirrorOutcome mirror(MirrorOrder order, JobEvents events, Cancellation cancel) {
        return classified(events, () -> {
            try (OpenedStorage from = OpenedStorage.datastore(local(order.source()), workDir, false);
                 OpenedStorage to = OpenedStorage.datastore(local(order.destination()), workDir, true)) {
                events.step("Source " + order.source().remote().describe() + (from.datastore().config().encrypted() ? " (encrypted)" : "")
                        + ", destination " + order.destination().remote().describe()
                        + (to.datastore().config().encrypted() ? " (encrypted)" : ""));
                MirrorReport r = new MirrorEngine(from.datastore(), to.datastore()).mirror(new MirrorRequest(
                        order.snapshots().stream().map(SnapshotId::parse).toList(),
                        order.repair().stream().map(SnapshotId::parse).collect(java.util.stream.Collectors.toSet()), order.jobRef()),
                        events::progress, cancel);
                java.util.Map<String, String> refused = new java.util.LinkedHashMap<>();
                r.refused().forEach((id, why) -> refused.put(id.toString(), why));
                java.util.Map<String, Long> sent = new java.util.LinkedHashMap<>();
                r.sentBySnapshot().forEach((id, bytes) -> sent.put(id.toString(), bytes));
                return new MirrorOutcome(names(r.mirrored()), names(r.alreadyThere()), names(r.repaired()), refused, sent,
                        r.chunksSent(), r.bytesSent(), r.chunksFound(), r.rekeyed(), r.duration());
            }
        });
    }

    private static List<String> names(List<SnapshotId> ids) {
        return ids.stream().map(SnapshotId::toString).toList();
    }

    @Override
    public void deleteSnapshot(StorageAccess storage, String snapshot, JobEvents events) {
        classified(events, () -> {
            try (OpenedStorage opened = OpenedStorage.datastore(local(storage), workDir, false)) {
                SnapshotId id = SnapshotId.parse(snapshot);
                if (opened.datastore().findManifest(id).isEmpty()) {
                    events.step("Snapshot " + snapshot + " is not in the datastore (already removed)");
                } else {
                    opened.datastore().deleteSnapshot(id);
                    events.step("Removed snapshot " + snapshot + " from " + storage.remote().describe()
                            + "; its chunks are removed by the next gc if no other snapshot uses them");
                }
                return null;
            }
        });
    }

    @Override
    public List<SnapshotSummary> list(StorageAccess storage, JobEvents events) {
        return classified(events, () -> {
            try (OpenedStorage opened = OpenedStorage.datastore(local(storage), workDir, false)) {
                Datastore datastore = opened.datastore();
                return datastore.snapshots().stream().map(datastore::manifest)
                        .map(m -> new SnapshotSummary(m.snapshot(), m.instanceUuid(), m.instanceName(), m.startedAt(), m.type(),
                                m.disks().stream().mapToLong(Manifest.DiskEntry::sizeBytes).sum()))
                        .toList();
            }
        });
    }

    @Override
    public void gc(StorageAccess storage, JobEvents events, Cancellation cancel) {
        classified(events, () -> {
            try (OpenedStorage opened = OpenedStorage.datastore(local(storage), workDir, false)) {
                io.holdfast.bridge.maintenance.GcReport r = new io.holdfast.bridge.maintenance.GarbageCollector(opened.datastore())
                        .collect(false);
                events.step(r.summary());
                return null;
            }
        });
    }

    @Override
    public void recover(StorageAccess storage, String domainUuid, String jobRef, JobEvents events) {
        classified(events, () -> {
            try (OpenedStorage opened = OpenedStorage.datastore(local(storage), workDir, false);
                 LibvirtHost host = LibvirtHost.connect(libvirtUri)) {
                new Recovery(opened.datastore(), events).cleanUp(host, domainUuid);
                io.holdfast.bridge.backup.BackupEngine.forgetDeadJob(opened.datastore(), workDir, jobRef).forEach(events::step);
                return null;
            }
        });
    }

    @Override
    public void forgetRun(StorageAccess storage, String jobRef, JobEvents events) {
        classified(events, () -> {
            try (OpenedStorage opened = OpenedStorage.datastore(local(storage), workDir, false)) {
                BackupEngine.forgetDeadJob(opened.datastore(), workDir, jobRef).forEach(events::step);
                return null;
            }
        });
    }

    /** The storage with this hypervisor's own settings filled in (rclone's config file). */
    private StorageAccess local(StorageAccess s) {
        if (s.remote() instanceof io.holdfast.bridge.remote.RemoteConfig.Rclone r && r.configFile() == null && rcloneConfig != null) {
            return new StorageAccess(s.name(), new io.holdfast.bridge.remote.RemoteConfig.Rclone(r.remote(), r.folder(), rcloneConfig),
                    s.sftpPrivateKey(), s.datastoreKey(), s.bandwidthBytesPerSecond());
        }
        return s;
    }

    /**
     * Runs an operation with the commands and libvirt calls it makes reported to the job's task log; engine
     * failures become one sentence; a cancel passes through.
     */
    private static <T> T classified(JobEvents events, Supplier<T> work) {
        return Steps.reportingTo(events::step, () -> classified(work));
    }

    private static <T> T classified(Supplier<T> work) {
        try {
            return work.get();
        } catch (Cancellation.Cancelled | BridgeException e) {
            throw e;
        } catch (BackupException | RestoreException | HypervisorException | RemoteException | DatastoreException
                 | ConfigException | MirrorException e) {
            throw new BridgeException(sentence(e), e);
        }
    }

    static String sentence(RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.endsWith(".") ? m : m + ".";
    }
}
