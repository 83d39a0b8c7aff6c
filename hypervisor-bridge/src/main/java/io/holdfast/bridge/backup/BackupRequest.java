package io.holdfast.bridge.backup;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to back up.
 *
 * @param domain     the libvirt domain's name or UUID
 * @param disks      guest device names to back up (e.g. {@code vda}); empty = every file-backed disk
 * @param fullRead   read every allocated block even if a usable dirty bitmap exists (a "full" backup)
 * @param tenant     a label for the manifest (the owning tenant), may be null
 * @param workDir    where per-job NBD sockets and scratch files go (never disk contents)
 * @param libvirtUri the hypervisor, normally {@code qemu:///system}
 * @param jobId      names this backup's running marker in the datastore and its job folder, so whoever ran it
 *                   can clean up after a crash ({@link BackupEngine#forgetDeadJob}); null = a random one
 */
public record BackupRequest(String domain, List<String> disks, boolean fullRead, String tenant, Path workDir,
                            String libvirtUri, String jobId) {

    public static final Path DEFAULT_WORK_DIR = Path.of("/var/tmp/holdfast-bridge");

    public BackupRequest {
        Objects.requireNonNull(domain, "domain");
        disks = List.copyOf(disks);
        workDir = workDir == null ? DEFAULT_WORK_DIR : workDir;
        libvirtUri = libvirtUri == null ? "qemu:///system" : libvirtUri;
        if (jobId != null && !jobId.matches("[A-Za-z0-9._-]{1,80}")) {
            throw new IllegalArgumentException("a job id is 1-80 letters, digits, dots, dashes or underscores (was '" + jobId + "')");
        }
    }

    /** Without a job id of the caller's (a random one is used). */
    public BackupRequest(String domain, List<String> disks, boolean fullRead, String tenant, Path workDir, String libvirtUri) {
        this(domain, disks, fullRead, tenant, workDir, libvirtUri, null);
    }

    public static BackupRequest of(String domain) {
        return new BackupRequest(domain, List.of(), false, null, null, null);
    }

    public BackupRequest withFullRead(boolean full) {
        return new BackupRequest(domain, disks, full, tenant, workDir, libvirtUri, jobId);
    }

    public BackupRequest withDisks(List<String> only) {
        return new BackupRequest(domain, only, fullRead, tenant, workDir, libvirtUri, jobId);
    }
}
