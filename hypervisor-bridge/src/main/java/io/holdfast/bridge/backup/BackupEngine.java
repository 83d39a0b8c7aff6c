package io.holdfast.bridge.backup;

import io.holdfast.bridge.datastore.Datastore;
import io.holdfast.bridge.datastore.DatastoreException;
import io.holdfast.bridge.datastore.Digest;
import io.holdfast.bridge.datastore.FixedIndex;
import io.holdfast.bridge.datastore.FormatV1;
import io.holdfast.bridge.datastore.Manifest;
import io.holdfast.bridge.datastore.SnapshotId;
import io.holdfast.bridge.libvirt.HypervisorException;
import io.holdfast.bridge.libvirt.LibvirtHost;
import io.holdfast.bridge.libvirt.VmDisk;
import io.holdfast.bridge.libvirt.VmDomain;
import io.holdfast.bridge.nbd.Extent;
import io.holdfast.bridge.nbd.NbdClient;
import io.holdfast.bridge.nbd.NbdException;
import io.holdfast.bridge.progress.Cancellation;
import io.holdfast.bridge.progress.ProgressListener;
import io.holdfast.bridge.progress.ProgressMeter;
import io.holdfast.bridge.remote.RemoteException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Backs up a libvirt domain into a datastore: a running VM through libvirt's pull-mode backup API with a
 * checkpoint, a stopped VM through qemu-nbd with the last checkpoint's persistent bitmap. Every snapshot
 * is logically full (a complete index) and physically incremental (only new blobs are written). On any
 * failure or cancel nothing stays: no snapshot, no new checkpoint, no libvirt job.
 */
public final class BackupEngine {

    /** Blocks in flight per disk: enough to keep both cores and the NBD server busy, 4 MiB of memory each. */
    /** Blocks in flight; by default what the datastore's remote asks for ({@link io.holdfast.bridge.remote.Remote#transfersInFlight()}). */
    static final Integer WORKERS = Integer.getInteger("holdfast.bridge.workers");
    private static final int STATUS_STEP = 1 << 30;

    private final Datastore datastore;

    public BackupEngine(Datastore datastore) {
        this.datastore = datastore;
    }

    /**
     * The prefix of the libvirt checkpoints Holdfast makes for backups into {@code datastore}; each
     * datastore has a chain of its own.
     */
    public static final String CHECKPOINT_PREFIX = "holdfast-";

    public static String checkpointPrefix(Datastore datastore) {
        return ChainBase.checkpointPrefix(datastore);
    }

    /**
     * Removes what a backup with {@code jobId} leaves when its process dies: its running marker in the
     * datastore (which would keep gc from removing any chunk younger than it, for ever) and its job folder
     * (NBD sockets, scratch files). Returns what it removed, for a task log; missing pieces are fine.
     */
    public static List<String> forgetDeadJob(Datastore datastore, java.nio.file.Path workDir, String jobId) {
        List<String> removed = new ArrayList<>();
        if (datastore.isMarkedRunning(jobId)) {
            datastore.clearRunning(jobId);
            removed.add("removed the running-backup marker " + jobId + " from the datastore");
        }
        removed.addAll(removeJobFolder(workDir, jobId));
        return removed;
    }

    /**
     * Removes the folder (NBD sockets, scratch files) of a backup whose process died, after stopping any
     * qemu-nbd it left serving a socket in it (an orphan keeps the VM's image open: its shared lock stops the
     * VM from starting); what needs no datastore, so a daemon can do it at start. Returns what it did.
     */
    public static List<String> removeJobFolder(java.nio.file.Path workDir, String jobId) {
        java.nio.file.Path folder = workDir.resolve(jobId);
        if (jobId.isBlank() || jobId.contains("/") || jobId.contains("..") || !java.nio.file.Files.isDirectory(folder)) {
            return List.of();
        }
        List<String> done = new ArrayList<>();
        for (long pid : io.holdfast.bridge.qemu.QemuNbdServer.stopLeftIn(folder)) {
            done.add("stopped qemu-nbd pid " + pid + ", left serving a disk to the dead job");
        }
        new JobDirectory(folder).close();
        done.add("removed the job folder " + folder);
        return done;
    }

    public BackupResult backup(BackupRequest request, ProgressListener listener, Cancellation cancel) {
        Instant started = Instant.now();
        List<String> notes = new ArrayList<>();
        try (LibvirtHost host = LibvirtHost.connect(request.libvirtUri())) {
            VmDomain domain = host.domain(request.domain());
            String uuid = domain.uuid();
            String name = domain.name();
            boolean running = domain.isActive();
            String domainXml = domain.xml();
            List<VmDisk> all = domain.disks();
            List<VmDisk> selected = select(all, request.disks(), name);
            Map<String, Long> sizes = new HashMap<>();
            for (VmDisk d : selected) {
                sizes.put(d.target(), domain.capacity(d.target()));
            }
            Optional<ChainBase> base = request.fullRead() ? Optional.empty()
                    : ChainBase.find(datastore, uuid, selected, sizes, running ? domain.checkpoints() : null, notes);
            if (request.fullRead()) {
                notes.add("Full backup requested: every allocated block was read.");
            }
            String baseCheckpoint = base.map(ChainBase::checkpoint).orElse(null);
            String newCheckpoint = running ? ChainBase.checkpointPrefix(datastore) + started.toEpochMilli() : null;
            SnapshotId id = SnapshotId.of(uuid, started);
            String jobId = request.jobId() != null ? request.jobId() : UUID.randomUUID().toString();

            datastore.markRunning(jobId, started);
            try (JobDirectory jobDir = JobDirectory.create(request.workDir(), jobId)) {
                cancel.check();
                BackupSession session = running
                        ? RunningVmSession.begin(domain, selected, all, baseCheckpoint, newCheckpoint, jobDir.path())
                        : StoppedVmSession.open(selected, baseCheckpoint, jobDir.path());
                try (session) {
                    Manifest manifest = readDisks(session, base, id, name, request, started, domainXml, listener, cancel, notes);
                    datastore.commit(manifest);
                    session.finish();
                    if (running) {
                        dropOlderCheckpoints(domain, newCheckpoint, notes);
                    }
                    return result(manifest, started, notes);
                } catch (RuntimeException | Error e) {
                    session.abort(notes);
                    abandon(id, notes);
                    throw e;
                }
            } finally {
                try {
                    datastore.clearRunning(jobId);
                } catch (RuntimeException e) {
                    // the remote may be the very thing that failed; a stale marker only delays gc
                    notes.add("The running-backup marker " + jobId + " could not be removed: " + e.getMessage());
                }
            }
        } catch (Cancellation.Cancelled e) {
            throw e;
        } catch (BackupException e) {
            throw e;
        } catch (HypervisorException | NbdException | RemoteException | DatastoreException e) {
            throw new BackupException("Backup of " + request.domain() + " failed: " + e.getMessage()
                    + (notes.isEmpty() ? "" : " " + String.join(" ", notes)), e);
        } catch (RuntimeException e) {
            throw new BackupException("Backup of " + request.domain() + " failed unexpectedly: " + e, e);
        }
    }

    private Manifest readDisks(BackupSession session, Optional<ChainBase> base, SnapshotId id, String name,
                               BackupRequest request, Instant started, String domainXml, ProgressListener listener,
                               Cancellation cancel, List<String> notes) {
        List<BlockPlan> plans = new ArrayList<>();
        List<FixedIndex> previous = new ArrayList<>();
        long total = 0;
        for (DiskStream s : session.disks()) {
            NbdClient c = s.client();
            FixedIndex prev = base.map(b -> previousIndex(b.manifest(), s.disk().target())).orElse(null);
            BlockPlan plan = new BlockPlan(c.size(), s.dirtyContext() != null && prev != null);
            for (long offset = 0; offset < c.size(); ) {
                cancel.check();
                List<Extent> extents = c.blockStatus(DiskStream.ALLOCATION, offset, (int) Math.min(STATUS_STEP, c.size() - offset));
                if (extents.isEmpty()) {
                    break;
                }
                plan.allocation(extents);
                offset = extents.getLast().end();
            }
            if (plan.blocks() > 0 && s.dirtyContext() != null && prev != null) {
                for (long offset = 0; offset < c.size(); ) {
                    List<Extent> extents = c.blockStatus(s.dirtyContext(), offset, (int) Math.min(STATUS_STEP, c.size() - offset));
                    if (extents.isEmpty()) {
                        break;
                    }
                    plan.dirty(extents);
                    offset = extents.getLast().end();
                }
            }
            plans.add(plan);
            previous.add(prev);
            total += plan.bytesToRead();
        }

        ProgressMeter meter = new ProgressMeter(listener, "reading " + name, total);
        int workers = WORKERS != null ? WORKERS : datastore.remote().transfersInFlight();
        DiskReader reader = new DiskReader(datastore, workers, meter, cancel);
        Set<Digest> known = ConcurrentHashMap.newKeySet();
        base.ifPresent(b -> previous.stream().filter(p -> p != null).forEach(p -> known.addAll(p.storedDigests())));
        boolean newDatastore = datastore.claimNewlyCreated();
        List<Manifest.DiskEntry> entries = new ArrayList<>();
        for (int i = 0; i < session.disks().size(); i++) {
            DiskStream s = session.disks().get(i);
            FixedIndex index = new FixedIndex(s.client().size());
            DiskReader.Outcome o = reader.read(s, plans.get(i), previous.get(i), index, known, newDatastore);
            cancel.check();
            String indexSha = datastore.writeIndex(id, s.disk().target(), index);
            entries.add(new Manifest.DiskEntry(s.disk().target(), s.disk().source().toString(), s.disk().format(),
                    s.client().size(), s.disk().target() + FormatV1.INDEX_SUFFIX, indexSha,
                    index.chunkCount(), o.zero(), o.read(), o.reused(), o.stored(), o.bytesRead(), o.bytesStored()));
        }
        meter.finish();
        cancel.check();
        String checkpoint = session.createdCheckpoint() != null ? session.createdCheckpoint()
                : base.map(ChainBase::checkpoint).orElse(null);
        return new Manifest(FormatV1.VERSION, id.toString(), id.instanceUuid(), name,
                request.tenant(), started, Instant.now(), base.isPresent() ? Manifest.INCREMENTAL : Manifest.FULL,
                base.map(b -> b.manifest().snapshot()).orElse(null), checkpoint, base.map(ChainBase::checkpoint).orElse(null),
                domainXml, entries, notes);
    }

    private FixedIndex previousIndex(Manifest manifest, String disk) {
        return manifest.disks().stream().filter(d -> d.name().equals(disk)).findFirst()
                .map(d -> datastore.index(manifest, d)).orElse(null);
    }

    private static List<VmDisk> select(List<VmDisk> all, List<String> wanted, String domain) {
        if (wanted.isEmpty()) {
            if (all.isEmpty()) {
                throw new BackupException("Domain " + domain + " has no file-backed disks to back up.");
            }
            return all;
        }
        List<VmDisk> selected = new ArrayList<>();
        for (String w : wanted) {
            selected.add(all.stream().filter(d -> d.target().equals(w)).findFirst()
                    .orElseThrow(() -> new BackupException("Domain " + domain + " has no file-backed disk " + w + ".")));
        }
        return selected;
    }

    private static void dropOlderCheckpoints(VmDomain domain, String keep, List<String> notes) {
        String prefix = keep.substring(0, keep.lastIndexOf('-') + 1);
        try {
            for (String cp : domain.checkpoints()) {
                if (cp.startsWith(prefix) && !cp.equals(keep)) {
                    domain.deleteCheckpoint(cp);
                }
            }
        } catch (HypervisorException e) {
            notes.add("Older checkpoints could not be removed: " + e.getMessage());
        }
    }

    private void abandon(SnapshotId id, List<String> notes) {
        try {
            datastore.abandon(id);
        } catch (RuntimeException e) {
            notes.add("The unfinished snapshot folder " + id + " could not be removed (it is invisible; gc removes it): "
                    + e.getMessage());
        }
    }

    private static BackupResult result(Manifest m, Instant started, List<String> notes) {
        long read = 0;
        long stored = 0;
        int chunksRead = 0;
        int chunksNew = 0;
        int zero = 0;
        int reused = 0;
        for (Manifest.DiskEntry d : m.disks()) {
            read += d.bytesRead();
            stored += d.newBytesStored();
            chunksRead += d.readChunks();
            chunksNew += d.newChunks();
            zero += d.zeroChunks();
            reused += d.reusedChunks();
        }
        return new BackupResult(m.id(), m.type(), read, stored, chunksRead, chunksNew, zero, reused,
                Duration.between(started, Instant.now()), m.checkpoint(), List.copyOf(notes));
    }
}
