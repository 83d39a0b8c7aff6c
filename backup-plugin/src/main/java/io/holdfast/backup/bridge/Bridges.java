package io.holdfast.backup.bridge;

import io.holdfast.plugin.api.inventory.HypervisorRef;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** Which bridge serves a hypervisor. Today: the in-process one for this machine's libvirt; daemons come later. */
public final class Bridges {

    private static final Set<String> LOCAL_URIS = Set.of("qemu:///system", "qemu:///session");

    private final Path workDir;
    private final Duration shutdownTimeout;
    private final Path rcloneConfig;

    /** @param rcloneConfig rclone's config file on this hypervisor, or null for rclone's default */
    public Bridges(Path workDir, Duration shutdownTimeout, Path rcloneConfig) {
        this.workDir = workDir;
        this.shutdownTimeout = shutdownTimeout;
        this.rcloneConfig = rcloneConfig;
    }

    public Bridge forHypervisor(HypervisorRef hypervisor) {
        if (!LOCAL_URIS.contains(hypervisor.uri())) {
            throw new BridgeException("Hypervisor " + hypervisor.name() + " (" + hypervisor.uri() + ") is not this machine "
                    + "and has no bridge daemon registered: backups run only on the local hypervisor in this version.");
        }
        return new InProcessBridge(hypervisor.uri(), workDir, shutdownTimeout, rcloneConfig);
    }

    /** The bridge that tests storages from the admin page: this machine's. */
    public Bridge local() {
        return new InProcessBridge("qemu:///system", workDir, shutdownTimeout, rcloneConfig);
    }
}
