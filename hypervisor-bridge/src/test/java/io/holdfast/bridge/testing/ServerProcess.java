package io.holdfast.bridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The process of a real server the tests run (sshd, vsftpd, s3proxy): started with its output in a log
 * file, waited for until its loopback port accepts connections, and its log quoted when it does not.
 */
final class ServerProcess {

    private final String name;
    private final List<String> command;
    private final int port;
    private final Path log;
    private final Duration startTimeout;
    private Process process;

    ServerProcess(String name, List<String> command, int port, Path log, Duration startTimeout) {
        this.name = name;
        this.command = command;
        this.port = port;
        this.log = log;
        this.startTimeout = startTimeout;
    }

    /** Starts the process (again) and waits until the port accepts connections. */
    void launch() {
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited: " + log());
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException(name + " did not listen on port " + port + ": " + log());
    }

    /** Whether {@link #launch()} ran: there is something to stop. */
    boolean launched() {
        return process != null;
    }

    /** Ends the process (gracefully, or at once as a crash would) and waits for it. */
    void end(boolean crash) {
        if (process == null) {
            return;
        }
        if (crash) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        waitForExit();
    }

    /** Waits for the process to exit after something else ended it. */
    void waitForExit() {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String log() {
        try {
            return Files.readString(log).strip();
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Deletes a server's folder and everything in it, as far as it can (a test's leftovers, not data). */
    static void deleteFolder(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
