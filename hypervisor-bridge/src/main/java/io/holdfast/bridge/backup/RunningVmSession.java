package io.holdfast.bridge.backup;

import io.holdfast.bridge.libvirt.HypervisorException;
import io.holdfast.bridge.libvirt.VmDisk;
import io.holdfast.bridge.libvirt.VmDomain;
import io.holdfast.bridge.nbd.NbdAddress;
import io.holdfast.bridge.nbd.NbdClient;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * libvirt's backup API in pull mode: QEMU exports each disk, frozen at the job's start, on a Unix socket
 * in the job folder; writes the guest makes meanwhile go to the scratch file first, so they are not in
 * the backup. The new checkpoint starts the dirty bitmap for the next incremental.
 */
final class RunningVmSession implements BackupSession {

    private final VmDomain domain;
    private final String checkpoint;
    private final List<DiskStream> streams = new ArrayList<>();
    private boolean jobRunning;

    private RunningVmSession(VmDomain domain, String checkpoint) {
        this.domain = domain;
        this.checkpoint = checkpoint;
    }

    static RunningVmSession begin(VmDomain domain, List<VmDisk> selected, List<VmDisk> all, String baseCheckpoint,
                                  String newCheckpoint, Path jobDir) {
        Path socket = jobDir.resolve("nbd.sock");
        StringBuilder backup = new StringBuilder("<domainbackup mode='pull'>");
        if (baseCheckpoint != null) {
            backup.append("<incremental>").append(baseCheckpoint).append("</incremental>");
        }
        backup.append("<server transport='unix' socket='").append(socket).append("'/><disks>");
        StringBuilder cp = new StringBuilder("<domaincheckpoint><name>").append(newCheckpoint).append("</name><disks>");
        for (VmDisk disk : all) {
            boolean chosen = selected.contains(disk);
            if (chosen) {
                backup.append("<disk name='").append(disk.target()).append("' backup='yes' type='file'><scratch file='")
                        .append(jobDir.resolve(disk.target() + ".scratch.qcow2")).append("'/></disk>");
            } else {
                backup.append("<disk name='").append(disk.target()).append("' backup='no'/>");
            }
            cp.append("<disk name='").append(disk.target()).append("' checkpoint='").append(chosen ? "bitmap" : "no").append("'/>");
        }
        backup.append("</disks></domainbackup>");
        cp.append("</disks></domaincheckpoint>");

        RunningVmSession session = new RunningVmSession(domain, newCheckpoint);
        domain.beginBackup(backup.toString(), cp.toString());
        session.jobRunning = true;
        try {
            for (VmDisk disk : selected) {
                String dirty = baseCheckpoint == null ? null : "qemu:dirty-bitmap:backup-" + disk.target();
                List<String> contexts = dirty == null ? List.of(DiskStream.ALLOCATION) : List.of(DiskStream.ALLOCATION, dirty);
                session.streams.add(new DiskStream(disk, NbdClient.connect(NbdAddress.unix(socket), disk.target(), contexts), dirty));
            }
        } catch (RuntimeException e) {
            session.abort(new ArrayList<>());
            throw e;
        }
        return session;
    }

    @Override
    public List<DiskStream> disks() {
        return streams;
    }

    @Override
    public String createdCheckpoint() {
        return checkpoint;
    }

    @Override
    public void finish() {
        closeClients();
        endJob();
    }

    @Override
    public void abort(List<String> notes) {
        closeClients();
        endJob();
        // libvirt ends the aborted backup job asynchronously; until it has, the checkpoint may refuse deletion
        for (int attempt = 1; ; attempt++) {
            try {
                if (domain.checkpoints().contains(checkpoint)) {
                    domain.deleteCheckpoint(checkpoint);
                }
                return;
            } catch (HypervisorException e) {
                if (attempt >= 20) {
                    notes.add("The new checkpoint " + checkpoint + " could not be removed: " + e.getMessage());
                    io.holdfast.bridge.progress.Steps.report("WARNING: " + notes.getLast());
                    return;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    notes.add("The new checkpoint " + checkpoint + " could not be removed: interrupted");
                    return;
                }
            }
        }
    }

    private void endJob() {
        if (jobRunning) {
            jobRunning = false;
            domain.abortJob();
        }
    }

    private void closeClients() {
        for (DiskStream s : streams) {
            s.client().close();
        }
        streams.clear();
    }

    @Override
    public void close() {
        closeClients();
        endJob();
    }
}
