package io.holdfast.bridge.remote;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An rclone remote reached through a real rclone process this bridge starts and owns: {@code rclone serve
 * sftp REMOTE:FOLDER} on a free loopback port, with a host key and a client key made for this run (in a
 * folder only this user may read; nothing secret on the command line), then the ordinary SFTP remote with
 * the host key pinned. Closing the remote stops rclone and removes the keys.
 */
final class RcloneServer implements AutoCloseable {

    static final String USER = "holdfast";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final Path dir;
    private final int port;
    private final String hostKeyFingerprint;

    private RcloneServer(Process process, Path dir, int port, String hostKeyFingerprint) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.hostKeyFingerprint = hostKeyFingerprint;
    }

    /** Starts rclone for {@code config} and opens an SFTP remote on it; the remote owns the process. */
    static Remote open(RemoteConfig.Rclone config) {
        RcloneServer server = start(config);
        try {
            RemoteConfig.Sftp sftp = new RemoteConfig.Sftp("127.0.0.1", server.port, USER, null, server.dir.resolve("client_key"),
                    server.hostKeyFingerprint, "");
            Remote remote = new PooledRemote(Remotes.sftp(sftp), () -> Remotes.sftp(sftp), Remotes.SFTP_CONNECTIONS);
            return new Owning(remote, server, config.describe());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    static RcloneServer start(RemoteConfig.Rclone config) {
        Path dir;
        try {
            dir = Files.createTempDirectory("holdfast-rclone-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new RemoteException("cannot prepare a folder for rclone: " + e.getMessage(), false, e);
        }
        try {
            JSch jsch = new JSch();
            KeyPair host = KeyPair.genKeyPair(jsch, KeyPair.RSA, 2048);
            KeyPair client = KeyPair.genKeyPair(jsch, KeyPair.RSA, 2048);
            writePrivate(host, dir.resolve("host_key"));
            writePrivate(client, dir.resolve("client_key"));
            try (OutputStream out = Files.newOutputStream(dir.resolve("authorized_keys"))) {
                client.writePublicKey(out, "holdfast-bridge");
            }
            String fingerprint = fingerprint(host.getPublicKeyBlob());
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of("rclone", "serve", "sftp",
                    config.remote() + ":" + (config.folder() == null ? "" : config.folder()),
                    "--addr", "127.0.0.1:" + port, "--user", USER, "--key", dir.resolve("host_key").toString(),
                    "--authorized-keys", dir.resolve("authorized_keys").toString()));
            if (config.configFile() != null) {
                command.addAll(List.of("--config", config.configFile().toString()));
            }
            Path log = dir.resolve("rclone.log");
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new RemoteException("cannot start rclone (is the Debian package rclone installed?): " + e.getMessage(), true, e);
            }
            RcloneServer server = new RcloneServer(process, dir, port, fingerprint);
            server.awaitListening(config, log);
            io.holdfast.bridge.progress.Steps.report(String.join(" ", command) + " → serving (pid " + process.pid()
                    + ", host key " + fingerprint + ")");
            return server;
        } catch (JSchException | IOException e) {
            deleteTree(dir);
            throw new RemoteException("cannot prepare keys for rclone: " + e.getMessage(), false, e);
        } catch (RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    private void awaitListening(RemoteConfig.Rclone config, Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String why = tail(log);
                close();
                // rclone exits at once for a remote its config lacks: a configuration problem, not worth retrying
                throw new RemoteException("rclone cannot serve " + config.describe() + ": " + why, true, null);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    close();
                    throw new RemoteException("interrupted while starting rclone", false, e);
                }
            }
        }
        close();
        throw new RemoteException("rclone did not start serving " + config.describe() + " within " + START_TIMEOUT.toSeconds() + " s",
                false, null);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(l -> !l.isEmpty()).toList();
            String last = lines.isEmpty() ? "it exited without a message" : lines.getLast();
            // rclone prefixes "2026/11/30 09:00:00 Failed to …": keep the sentence
            return last.replaceFirst("^\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+(ERROR\\s*:|CRITICAL:|NOTICE:)?\\s*", "");
        } catch (IOException e) {
            return "it exited without a message";
        }
    }

    /** "SHA256:" and the unpadded base64 of the key's SHA-256, as OpenSSH and JSch print fingerprints. */
    static String fingerprint(byte[] publicKeyBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKeyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writePrivate(KeyPair key, Path file) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
            key.writePrivateKey(out);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        deleteTree(dir);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a folder only we can read; the next run makes its own
        }
    }

    /** The SFTP remote on rclone, which stops rclone when closed. */
    private static final class Owning extends ForwardingRemote {
        private final RcloneServer server;
        private final String description;

        Owning(Remote delegate, RcloneServer server, String description) {
            super(delegate);
            this.server = server;
            this.description = description;
        }

        @Override
        protected <T> T call(String operation, long bytes, java.util.function.Supplier<T> work) {
            return work.get();
        }

        @Override
        public String describe() {
            return description;
        }

        @Override
        public void close() {
            try {
                super.close();
            } finally {
                server.close();
            }
        }
    }
}
