package io.holdfast.bridge.qemu;

import io.holdfast.bridge.progress.Steps;
import io.holdfast.bridge.nbd.NbdAddress;
import io.holdfast.bridge.nbd.NbdException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@code qemu-nbd} serving one image on a private Unix socket, for as long as this object is open:
 * read-only (optionally exposing a persistent dirty bitmap) for backups of stopped VMs, writable for
 * restores. The export name is empty.
 */
public final class QemuNbdServer implements AutoCloseable {

    private final Process process;
    private final Path socket;
    private final Path log;
    private final long started = System.nanoTime();

    private QemuNbdServer(Process process, Path socket, Path log) {
        this.process = process;
        this.socket = socket;
        this.log = log;
    }

    /**
     * Serves {@code image} at {@code socket}.
     *
     * @param bitmap a persistent bitmap to expose as {@code qemu:dirty-bitmap:<bitmap>}, if any
     */
    public static QemuNbdServer start(Path image, String format, Path socket, boolean readOnly, Optional<String> bitmap) {
        List<String> command = new ArrayList<>(List.of("qemu-nbd", "--persistent", "--shared=8", "--socket=" + socket,
                "--format=" + format, "--cache=none", "--aio=threads"));
        if (readOnly) {
            command.add("--read-only");
        } else {
            command.add("--discard=unmap");
            command.add("--detect-zeroes=unmap");
        }
        bitmap.ifPresent(b -> command.add("--bitmap=" + b));
        command.add(image.toString());
        try {
            Files.deleteIfExists(socket);
            Path log = Files.createTempFile("qemu-nbd", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            QemuNbdServer server = new QemuNbdServer(process, socket, log);
            server.awaitSocket();
            Steps.report(String.join(" ", command) + " → serving (pid " + process.pid() + ", ready in "
                    + (System.nanoTime() - server.started) / 1_000_000 + " ms)");
            return server;
        } catch (IOException e) {
            throw new NbdException("cannot start qemu-nbd (is qemu-utils installed?): " + e.getMessage(), e);
        }
    }

    /**
     * Stops the qemu-nbd servers that serve a socket inside {@code folder} though no live object owns them: a
     * crashed job's. Returns their pids.
     */
    public static List<Long> stopLeftIn(Path folder) {
        String socketPrefix = "--socket=" + folder.toAbsolutePath() + "/";
        List<ProcessHandle> left = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/qemu-nbd")).orElse(false))
                .filter(p -> p.info().arguments().map(args -> java.util.Arrays.stream(args).anyMatch(a -> a.startsWith(socketPrefix)))
                        .orElse(false))
                .toList();
        for (ProcessHandle p : left) {
            p.destroy();
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException stubborn) {
                p.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return left.stream().map(ProcessHandle::pid).toList();
    }

    public NbdAddress address() {
        return NbdAddress.unix(socket);
    }

    private void awaitSocket() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new NbdException("qemu-nbd exited with " + process.exitValue() + ": " + output());
            }
            // the socket file appears at bind(), a moment before listen(): only a connection proves it serves
            // (a backup connecting in between was refused now and then: JobQueueIT, 1 job in 48)
            if (Files.exists(socket) && accepts()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new NbdException("interrupted while starting qemu-nbd");
            }
        }
        close();
        throw new NbdException("qemu-nbd did not open " + socket + " within 20 s: " + output());
    }

    private boolean accepts() {
        try (java.nio.channels.SocketChannel probe = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            probe.connect(java.net.UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(no output)";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            if (!process.isAlive()) {
                Steps.report("qemu-nbd pid " + process.pid() + " stopped (exit " + process.exitValue() + ", served for "
                        + (System.nanoTime() - started) / 1_000_000 + " ms)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
