package io.holdfast.host.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The embedded MariaDB a killed host left running. MariaDB runs as a child process; when the JVM dies
 * without shutting down (kill -9, OOM killer, power loss of the JVM only), the child keeps the data folder
 * locked and the next start would fail. Before starting, a server whose pid file lies in our folder and whose
 * command line names our data folder is asked to stop (SIGTERM, which lets InnoDB close cleanly), and killed
 * if it has not after a while.
 */
final class StaleServer {

    private static final Logger log = LoggerFactory.getLogger(StaleServer.class);
    private static final Duration GRACE = Duration.ofSeconds(30);

    private StaleServer() {
    }

    static void stopIfRunning(Path pidFile, Path dataDir) {
        Optional<ProcessHandle> stale = find(pidFile, dataDir);
        if (stale.isEmpty()) {
            return;
        }
        ProcessHandle process = stale.get();
        log.warn("An embedded MariaDB (pid {}) left by a host that did not shut down still holds {}: stopping it",
                process.pid(), dataDir);
        process.destroy();
        try {
            process.onExit().get(GRACE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            log.warn("The stale MariaDB (pid {}) did not stop within {} s: killing it", process.pid(), GRACE.toSeconds());
            process.destroyForcibly();
            process.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the stale MariaDB " + process.pid(), e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot wait for the stale MariaDB " + process.pid(), e);
        }
    }

    private static Optional<ProcessHandle> find(Path pidFile, Path dataDir) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        // a pid is reused after a reboot: only a MariaDB server of this very data folder is ours to stop
        String cmdline;
        try {
            cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
        } catch (IOException gone) {
            return Optional.empty();
        }
        if (!(cmdline.contains("mariadbd") || cmdline.contains("mysqld")) || !cmdline.contains(dataDir.toString())) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid);
    }
}
