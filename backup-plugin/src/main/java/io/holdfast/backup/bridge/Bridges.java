package io.holdfast.backup.bridge;

import io.holdfast.bridge.agent.Bridge;
import io.holdfast.bridge.agent.BridgeException;
import io.holdfast.bridge.agent.InProcessBridge;
import io.holdfast.plugin.api.inventory.HypervisorRef;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Which bridge serves a hypervisor: its registered daemon (over HTTPS, certificate pinned) when the admin
 * registered one; otherwise the in-process bridge when the hypervisor is this machine's libvirt.
 */
public final class Bridges {

    private static final Set<String> LOCAL_URIS = Set.of("qemu:///system", "qemu:///session");

    private final Path workDir;
    private final Duration shutdownTimeout;
    private final Path rcloneConfig;
    private BridgeRegistry registry;

    /** @param rcloneConfig rclone's config file on this hypervisor, or null for rclone's default */
    public Bridges(Path workDir, Duration shutdownTimeout, Path rcloneConfig) {
        this.workDir = workDir;
        this.shutdownTimeout = shutdownTimeout;
        this.rcloneConfig = rcloneConfig;
    }

    /** The registrations to consult (without it, only the in-process bridge is known). */
    public Bridges withRegistry(BridgeRegistry registry) {
        this.registry = registry;
        return this;
    }

    public Bridge forHypervisor(HypervisorRef hypervisor) {
        if (registry != null) {
            java.util.Optional<? extends Bridge> daemon = registry.bridge(hypervisor.id());
            if (daemon.isPresent()) {
                return daemon.get();
            }
        }
        if (!LOCAL_URIS.contains(hypervisor.uri())) {
            throw new BridgeException("Hypervisor " + hypervisor.name() + " (" + hypervisor.uri() + ") is not this machine "
                    + "and has no bridge daemon registered: register its daemon on the Backup Hypervisors page.");
        }
        return local();
    }

    /** The bridge of this machine, in this JVM: storage tests from the admin page, mirrors. */
    public Bridge local() {
        return new InProcessBridge("qemu:///system", workDir, shutdownTimeout, rcloneConfig);
    }
}
