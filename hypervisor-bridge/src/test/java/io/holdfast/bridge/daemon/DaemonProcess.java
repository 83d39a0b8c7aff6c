package io.holdfast.bridge.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real {@code holdfast-bridge serve} process started from the module's shaded CLI jar (what an operator
 * installs), listening on loopback with real TLS; its output goes to a log file the tests read.
 */
public final class DaemonProcess implements AutoCloseable {

    private static final Pattern FINGERPRINT = Pattern.compile("certificate fingerprint: (SHA256:\\S+)");

    private final Path stateDir;
    private final Path log;
    private final int port;
    private Path jar;
    private Process process;
    private String fingerprint;

    private DaemonProcess(Path stateDir, Path log, int port) {
        this.stateDir = stateDir;
        this.log = log;
        this.port = port;
    }

    static DaemonProcess start(Path stateDir, int port) {
        return start(stateDir, port, Path.of("target"));
    }

    /** @param jarFolder the bridge module's {@code target} folder, where its shaded CLI jar is */
    public static DaemonProcess start(Path stateDir, int port, Path jarFolder) {
        DaemonProcess d = new DaemonProcess(stateDir, stateDir.resolveSibling(stateDir.getFileName() + ".log"), port);
        d.jar = cliJar(jarFolder);
        d.launch();
        return d;
    }

    public static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path cliJar(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-cli.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no *-cli.jar in target/: run the package phase first"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void launch() {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path config = stateDir.resolveSibling(stateDir.getFileName() + ".conf");
        try {
            // no guest OS answers ACPI in the test VMs: an in-place restore powers them off after 2 s
            Files.writeString(config, "shutdown-timeout-seconds = 2\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(java, "-Xmx512m", "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "serve",
                "--config", config.toString(), "--listen", "127.0.0.1", "--port", String.valueOf(port),
                "--state-dir", stateDir.toString());
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String text = log();
            Matcher m = FINGERPRINT.matcher(text);
            int serving = text.lastIndexOf("serving on https://127.0.0.1:" + port);
            if (serving >= 0 && m.find(serving)) {
                fingerprint = m.group(1);
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("holdfast-bridge serve exited: " + text);
            }
            sleep(100);
        }
        throw new IllegalStateException("holdfast-bridge serve did not start: " + log());
    }

    /** SIGKILL: no shutdown hook, no cleanup — as a crash or the OOM killer would stop it. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    public long pid() {
        return process.pid();
    }

    public String fingerprint() {
        return fingerprint;
    }

    public String token() {
        try {
            return Files.readString(stateDir.resolve("token")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI uri() {
        return URI.create("https://127.0.0.1:" + port);
    }

    public Path stateDir() {
        return stateDir;
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DaemonBridge bridge(Duration reconnectFor) {
        return new DaemonBridge(uri(), token(), fingerprint, reconnectFor);
    }

    private void waitFor() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }
}
