package io.holdfast.bridge.daemon;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * A daemon's configuration ({@code /etc/holdfast-bridge/bridge.conf}, Java properties; see
 * {@code docs/bridge-daemon.md}). Nothing secret lives in it: the certificate and token are in the state folder.
 *
 * @param listenHost      the address to listen on ({@code 0.0.0.0} for every interface)
 * @param stateDir        certificate, token and job files (mode 0700)
 * @param workDir         per-job folders for NBD sockets and scratch files (QEMU must reach it: not inside the state folder)
 * @param rcloneConfig    rclone's config file on this hypervisor, or null for rclone's default
 */
public record DaemonSettings(String listenHost, int port, Path stateDir, Path workDir, String libvirtUri,
                             Duration shutdownTimeout, Path rcloneConfig) {

    public static final int DEFAULT_PORT = 8643;

    public static DaemonSettings defaults() {
        return new DaemonSettings("0.0.0.0", DEFAULT_PORT, Path.of("/var/lib/holdfast-bridge"), Path.of("/var/tmp/holdfast-bridge"),
                "qemu:///system", Duration.ofMinutes(2), null);
    }

    /** The defaults overridden by the file's keys: listen, port, state-dir, work-dir, libvirt-uri, shutdown-timeout-seconds, rclone-config. */
    public static DaemonSettings read(Path file) {
        DaemonSettings d = defaults();
        if (file == null || !Files.exists(file)) {
            return d;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new DaemonException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return new DaemonSettings(p.getProperty("listen", d.listenHost()).strip(),
                    Integer.parseInt(p.getProperty("port", String.valueOf(d.port())).strip()),
                    Path.of(p.getProperty("state-dir", d.stateDir().toString()).strip()),
                    Path.of(p.getProperty("work-dir", d.workDir().toString()).strip()),
                    p.getProperty("libvirt-uri", d.libvirtUri()).strip(),
                    Duration.ofSeconds(Long.parseLong(p.getProperty("shutdown-timeout-seconds",
                            String.valueOf(d.shutdownTimeout().toSeconds())).strip())),
                    p.getProperty("rclone-config") == null ? null : Path.of(p.getProperty("rclone-config").strip()));
        } catch (NumberFormatException e) {
            throw new DaemonException(file + ": port and shutdown-timeout-seconds must be whole numbers (" + e.getMessage() + ")", e);
        }
    }

    public DaemonSettings withPort(int port) {
        return new DaemonSettings(listenHost, port, stateDir, workDir, libvirtUri, shutdownTimeout, rcloneConfig);
    }

    public DaemonSettings withListenHost(String host) {
        return new DaemonSettings(host, port, stateDir, workDir, libvirtUri, shutdownTimeout, rcloneConfig);
    }

    public DaemonSettings withStateDir(Path dir) {
        return new DaemonSettings(listenHost, port, dir, workDir, libvirtUri, shutdownTimeout, rcloneConfig);
    }

    public DaemonSettings withWorkDir(Path dir) {
        return new DaemonSettings(listenHost, port, stateDir, dir, libvirtUri, shutdownTimeout, rcloneConfig);
    }

    public DaemonSettings withLibvirtUri(String uri) {
        return new DaemonSettings(listenHost, port, stateDir, workDir, uri, shutdownTimeout, rcloneConfig);
    }
}
