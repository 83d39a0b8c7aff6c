package io.holdfast.bridge.daemon;

import io.holdfast.bridge.backup.BackupEngine;
import io.holdfast.bridge.libvirt.LibvirtHost;
import io.holdfast.bridge.libvirt.VmDisk;
import io.holdfast.bridge.libvirt.VmDomain;
import io.holdfast.bridge.restore.RestoreEngine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a daemon does at start for the jobs its previous run left running (it was killed, or the host went
 * down): ends the domain's libvirt backup job, removes the Holdfast checkpoint the dead backup created, its job
 * folder (NBD sockets, scratch files), a restore's half-written images — and puts back a disk an in-place
 * restore had moved aside but not yet replaced. Each job is then failed with what was found and done, which the
 * master reads by id. What only the storage knows (the backup's running marker) the master removes through a
 * recover job, which carries the storage again.
 */
final class CrashCleanup {


    private final String libvirtUri;
    private final Path workDir;

    CrashCleanup(String libvirtUri, Path workDir) {
        this.libvirtUri = libvirtUri;
        this.workDir = workDir;
    }

    /** Fails and cleans up every job still marked running; returns how many. */
    int run(JobRecords records) {
        int count = 0;
        for (JobRecord r : records.all()) {
            if (r.state().finished()) {
                continue;
            }
            List<String> done = new ArrayList<>();
            try {
                cleanUp(r, done);
            } catch (RuntimeException e) {
                done.add("the cleanup did not finish (" + e.getMessage() + ")");
            }
            String reason = "The bridge daemon stopped while this job ran (killed or the host restarted); the job failed and "
                    + "no snapshot of it was committed. At its next start the daemon "
                    + (done.isEmpty() ? "found nothing left to clean up." : String.join("; ", done) + ".");
            records.save(r.finished(Protocol.State.FAILED, reason, true, null));
            System.getLogger(CrashCleanup.class.getName()).log(System.Logger.Level.WARNING,
                    "job {0} ({1}) was left running by the previous run: {2}", r.id(), r.kind(), reason);
            count++;
        }
        return count;
    }

    private void cleanUp(JobRecord r, List<String> done) {
        if (r.jobRef() != null) {
            done.addAll(BackupEngine.removeJobFolder(workDir, r.jobRef()));
        }
        if (r.domainUuid() != null) {
            try (LibvirtHost host = LibvirtHost.connect(libvirtUri)) {
                Optional<VmDomain> found = host.find(r.domainUuid());
                if (found.isEmpty()) {
                    done.add("found domain " + r.domainUuid() + " gone");
                } else {
                    VmDomain domain = found.get();
                    if (r.kind() == Protocol.Kind.BACKUP) {
                        backupTraces(domain, r, done);
                    } else if (r.kind() == Protocol.Kind.RESTORE) {
                        restoreTraces(domain, done);
                    }
                }
            }
        }
        for (String file : r.writing()) {
            Path p = Path.of(file);
            if (Files.exists(p) && !usedByADomain(p)) {
                deleteQuietly(p);
                done.add("removed the half-written image " + p);
            }
        }
    }

    private void backupTraces(VmDomain domain, JobRecord r, List<String> done) {
        if (domain.isActive() && domain.hasJob()) {
            domain.abortJob();
            done.add("ended the libvirt backup job left on " + domain.name());
        }
        for (String checkpoint : domain.checkpoints()) {
            if (checkpoint.startsWith(BackupEngine.CHECKPOINT_PREFIX) && !r.checkpointsBefore().contains(checkpoint)) {
                domain.removeCheckpoint(checkpoint);
                done.add("removed the checkpoint " + checkpoint + " the job had created");
            }
        }
    }

    /** An in-place restore writes {@link RestoreEngine#RESTORING_SUFFIX} files and swaps one in only when complete. */
    private void restoreTraces(VmDomain domain, List<String> done) {
        for (VmDisk disk : domain.disks()) {
            Path current = disk.source();
            Path folder = current.toAbsolutePath().getParent();
            String name = current.getFileName().toString();
            List<Path> siblings = list(folder, name);
            Optional<Path> previous = siblings.stream().filter(p -> p.getFileName().toString().startsWith(name + RestoreEngine.PREVIOUS_SUFFIX))
                    .max(Comparator.naturalOrder());
            if (!Files.exists(current) && previous.isPresent()) {
                move(previous.get(), current);
                done.add("put the disk " + current + " back as it was before the restore");
            } else if (previous.isPresent()) {
                done.add("kept " + previous.get() + " (the disk as it was before the restore, which had completed): delete it "
                        + "by hand once the instance is checked");
            }
            for (Path p : siblings) {
                if (p.getFileName().toString().startsWith(name + RestoreEngine.RESTORING_SUFFIX)) {
                    deleteQuietly(p);
                    done.add("removed the half-written image " + p);
                }
            }
        }
        if (domain.isShutOff()) {
            done.add("left " + domain.name() + " shut off (the restore had powered it off): start it once checked");
        }
    }

    private static List<Path> list(Path folder, String prefix) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix + ".holdfast-")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private boolean usedByADomain(Path image) {
        try (LibvirtHost host = LibvirtHost.connect(libvirtUri)) {
            return host.all().stream().anyMatch(d -> d.disks().stream().anyMatch(disk -> disk.source().equals(image)));
        } catch (RuntimeException e) {
            return true; // unsure: keep the file
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DaemonException("cannot move " + from + " back to " + to + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // reported as removed only when it is gone: the next start tries again
        }
    }

}
