package io.holdfast.bridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A real OpenSSH sftp server for tests: Debian's {@code sshd} on a loopback port, an sftp-only account
 * ({@value #USER}, random password) jailed in a chroot whose {@value #FOLDER} folder it may write. Needs
 * root (as the tests run) and the {@code openssh-server} package (./holdfast test installs it).
 */
public final class OpenSshServer implements RestartableServer {

    public static final String USER = "hfsftp";
    public static final String FOLDER = "data";

    private final Path dir;
    private final int port;
    private final String password;
    private final ServerProcess process;

    private OpenSshServer(Path dir, int port, String password) {
        this.dir = dir;
        this.port = port;
        this.password = password;
        this.process = new ServerProcess("sshd", List.of("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString()),
                port, dir.resolve("sshd.log"), Duration.ofSeconds(15));
    }

    public static OpenSshServer start() {
        if (!Files.isExecutable(Path.of("/usr/sbin/sshd"))) {
            throw new IllegalStateException("OpenSSH's sshd is not installed (package openssh-server): run ./holdfast test");
        }
        try {
            // sshd refuses a chroot below a folder others may write (such as /var/tmp): use one below /var/lib
            Path dir = Files.createDirectories(Path.of("/var/lib/holdfast-test-sftp/" + UUID.randomUUID().toString().substring(0, 8)));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path jail = Files.createDirectory(dir.resolve("jail"));
            Files.setPosixFilePermissions(jail, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path data = Files.createDirectory(jail.resolve(FOLDER));
            String password = UUID.randomUUID().toString();
            ensureUser(password);
            Commands.run("chown", USER + ":" + USER, data.toString());
            Commands.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("hostkey").toString());
            // a client key the server accepts too, for logins with a private key instead of the password
            Commands.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "holdfast-test", "-f", dir.resolve("clientkey").toString());
            Files.copy(dir.resolve("clientkey.pub"), dir.resolve("authorized_keys"));
            Files.createDirectories(Path.of("/run/sshd"));
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Files.writeString(dir.resolve("sshd_config"), """
                    Port %d
                    ListenAddress 127.0.0.1
                    HostKey %s
                    PidFile %s
                    UsePAM no
                    PasswordAuthentication yes
                    KbdInteractiveAuthentication no
                    PubkeyAuthentication yes
                    AuthorizedKeysFile %s
                    StrictModes no
                    PermitRootLogin no
                    AllowUsers %s
                    Subsystem sftp internal-sftp
                    Match User %s
                      ChrootDirectory %s
                      ForceCommand internal-sftp
                      AllowTcpForwarding no
                      X11Forwarding no
                    """.formatted(port, dir.resolve("hostkey"), dir.resolve("sshd.pid"), dir.resolve("authorized_keys"), USER, USER, jail));
            OpenSshServer server = new OpenSshServer(dir, port, password);
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the test sshd", e);
        }
    }

    private static synchronized void ensureUser(String password) {
        try {
            Commands.run("id", USER);
        } catch (IllegalStateException absent) {
            Commands.run("useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", USER);
        }
        Commands.run("sh", "-c", "echo '" + USER + ":" + password + "' | chpasswd");
    }

    /** Starts sshd (again) and waits until it accepts connections. */
    @Override
    public void launch() {
        process.launch();
    }

    /** Stops the server (connections drop), keeping its files, so {@link #launch()} can bring it back. */
    @Override
    public void stop() {
        if (process.launched()) {
            process.end(false);
            // sshd forks a process per connection: end those too, as a crashed server would
            Commands.run("sh", "-c", "pkill -u " + USER + " || true");
        }
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    /** The folder sftp clients see as {@code /data}, on this machine. */
    /** The private key (OpenSSH text) the server accepts for {@value #USER}, as an admin would paste it. */
    public String clientPrivateKey() {
        try {
            return Files.readString(dir.resolve("clientkey"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dataFolder() {
        return dir.resolve("jail").resolve(FOLDER);
    }

    @Override
    public void close() {
        stop();
        ServerProcess.deleteFolder(dir);
    }
}
