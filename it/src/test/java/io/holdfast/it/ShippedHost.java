package io.holdfast.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The product started the way {@code ./holdfast run} starts it: the repository's {@code bin/holdfast-host}
 * run in an installation folder holding {@code plugins/} with the plugin jar, in a process of its own. The
 * launcher runs the exec jar extracted, with the AOT cache it trains once per build (shared by every host of
 * this test run through {@code HOLDFAST_CACHE_DIR}, as hosts of one installation share it). Nothing of
 * Maven's class path reaches it, so a library missing from the plugin jar fails here as it would for a
 * provider. The build copies both jars to {@code target/dist} (see this module's pom).
 */
final class ShippedHost implements AutoCloseable {

    static final String ADMIN_PASSWORD = "admin-Shipped-1";
    private static final Path DIST = Path.of("target", "dist").toAbsolutePath();
    private static final Path LAUNCHER = Path.of("..", "bin", "holdfast-host").toAbsolutePath().normalize();
    private static final Path CACHE = Path.of("target", "host-cache").toAbsolutePath();

    private final Path dir;
    private final int port;
    private final Path log;
    private Process process;
    private java.util.Map<String, String> environment = java.util.Map.of();

    private ShippedHost(Path dir, int port) {
        this.dir = dir;
        this.port = port;
        this.log = dir.resolve("host.log");
    }

    /** A new installation folder under {@code target/shipped} with the jar and plugins/, started. */
    static ShippedHost start(String... extraArgs) {
        return start(java.util.Map.of(), extraArgs);
    }

    /** As {@link #start(String...)}, with environment variables (secrets go there, never on the command line). */
    static ShippedHost start(java.util.Map<String, String> environment, String... extraArgs) {
        try {
            Path root = Files.createDirectories(Path.of("target", "shipped"));
            Path dir = Files.createTempDirectory(root, "run-").toAbsolutePath();
            Files.createDirectories(dir.resolve("plugins"));
            Files.copy(DIST.resolve("plugins/backup-plugin.jar"), dir.resolve("plugins/backup-plugin.jar"), StandardCopyOption.REPLACE_EXISTING);
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            ShippedHost host = new ShippedHost(dir, port);
            host.environment = java.util.Map.copyOf(environment);
            host.launch(extraArgs);
            return host;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out the distribution from " + DIST + " (built by mvn verify)", e);
        }
    }

    /** Starts the process (again, after {@link #kill()}) with the same data folder, and waits until it serves. */
    void launch(String... extraArgs) {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString(),
                "--server.port=" + port, "--holdfast.data-dir=./data",
                "--holdfast.initial-admin-password=" + ADMIN_PASSWORD,
                "--holdfast.plugins.backup.shutdown-timeout-seconds=2"));
        command.addAll(List.of(extraArgs));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("HOLDFAST_JAR", execJar().toString());
            builder.environment().put("HOLDFAST_CACHE_DIR", CACHE.toString());
            builder.environment().put("HOLDFAST_JAVA_OPTS", "-Xmx768m");
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the shipped host exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (serves()) {
                assertNoTrainingLeftovers();
                return;
            }
            sleep(500);
        }
        close();
        throw new IllegalStateException("the shipped host did not serve within 240 s:\n" + logTail());
    }

    /**
     * The launcher's one-off AOT training (the first host of a build runs it) starts its own embedded MariaDB and
     * ends with {@code Runtime.halt}: the launcher must stop that server, or every upgrade leaves one running.
     */
    private static void assertNoTrainingLeftovers() {
        String training = CACHE.resolve("training-").toString();
        List<String> left = ProcessHandle.allProcesses()
                .filter(p -> p.isAlive() && p.info().commandLine().map(c -> c.contains(training)).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
        if (!left.isEmpty()) {
            throw new IllegalStateException("the launcher's AOT training left processes running: " + left);
        }
    }

    /** The exec jar under the name the build gives it, as {@code ./holdfast run} passes it to the launcher. */
    private static Path execJar() {
        try (var jars = Files.newDirectoryStream(DIST, "webui-*-exec.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no webui-*-exec.jar in " + DIST + " (built by mvn verify)");
    }

    private boolean serves() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(baseUrl() + "/login").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    Path dir() {
        return dir;
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code mariadb-dump} of the whole schema, as an operator would take it: with the embedded server's own
     * client, the root password from its 0600 file (given through the environment, not the command line).
     */
    /** A root connection to the embedded MariaDB's {@code holdfast} database (for fixtures and benchmarks). */
    java.sql.Connection database() throws java.sql.SQLException {
        java.util.regex.Matcher port = java.util.regex.Pattern.compile("Embedded MariaDB on 127\\.0\\.0\\.1:(\\d+)").matcher(log());
        if (!port.find()) {
            throw new IllegalStateException("the host log does not say where the embedded MariaDB listens");
        }
        try {
            String password = Files.readString(dir.resolve("data/mariadb/root-password")).strip();
            return java.sql.DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port.group(1) + "/holdfast", "root", password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String databaseDump() {
        Path mariadb = dir.resolve("data/mariadb");
        java.util.regex.Matcher port = java.util.regex.Pattern.compile("Embedded MariaDB on 127\\.0\\.0\\.1:(\\d+)").matcher(log());
        if (!port.find()) {
            throw new IllegalStateException("the host log does not say where the embedded MariaDB listens");
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(mariadb.resolve("base/bin/mariadb-dump").toString(), "--no-defaults",
                    "-h", "127.0.0.1", "-P", port.group(1), "-u", "root", "--all-databases")
                    .redirectErrorStream(true);
            pb.environment().put("MYSQL_PWD", Files.readString(mariadb.resolve("root-password")).strip());
            pb.environment().put("LD_LIBRARY_PATH", mariadb.resolve("base/libs").toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("mariadb-dump failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String logTail() {
        String all = log();
        return all.length() <= 6000 ? all : all.substring(all.length() - 6000);
    }

    /** Ends the process at once, as a crash or {@code kill -9} would. */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
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
}
