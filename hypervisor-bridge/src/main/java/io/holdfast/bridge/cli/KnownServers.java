package io.holdfast.bridge.cli;

import io.holdfast.bridge.remote.RemoteConfig;
import io.holdfast.bridge.remote.Remotes;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The CLI's memory of SFTP servers, like ssh's known_hosts: the first time a server is used without a
 * pinned fingerprint, its host key is shown and kept; from then on a different key is refused ("host key
 * changed"). The file ({@code ~/.config/holdfast/known_hosts}, or {@code HOLDFAST_KNOWN_HOSTS}) holds one
 * line per server: {@code host:port SHA256:…}.
 */
final class KnownServers {

    private final Path file;

    KnownServers(Path file) {
        this.file = file;
    }

    static KnownServers forThisUser() {
        String env = System.getenv("HOLDFAST_KNOWN_HOSTS");
        return new KnownServers(env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".config", "holdfast", "known_hosts"));
    }

    /** The configuration with its server's host key pinned: the one given, the one kept, or the one seen now (kept). */
    RemoteConfig pin(RemoteConfig config, PrintStream messages) {
        if (!(config instanceof RemoteConfig.Sftp sftp) || sftp.hostKeyFingerprint() != null) {
            return config;
        }
        String server = sftp.host() + ":" + sftp.port();
        String fingerprint = known(server).orElseGet(() -> {
            String seen = Remotes.sftpHostKeyFingerprint(sftp);
            remember(server, seen);
            messages.println("The SFTP server " + server + " presented host key " + seen + "; it is now pinned in " + file
                    + " and a different key will be refused.");
            return seen;
        });
        return new RemoteConfig.Sftp(sftp.host(), sftp.port(), sftp.username(), sftp.password(), sftp.privateKey(), fingerprint,
                sftp.folder(), sftp.privateKeyText());
    }

    Optional<String> known(String server) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.US_ASCII).stream().map(String::strip)
                    .filter(l -> l.startsWith(server + " ")).map(l -> l.substring(server.length() + 1).strip()).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void remember(String server, String fingerprint) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, server + " " + fingerprint + "\n", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the host key in " + file, e);
        }
    }
}
