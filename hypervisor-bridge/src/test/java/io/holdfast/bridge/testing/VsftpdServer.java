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
 * A real vsftpd for tests: Debian's {@code vsftpd} on a loopback port, passive mode, a local account
 * ({@value #USER}, random password) chrooted in a folder whose {@value #FOLDER} sub-folder it may write.
 * With TLS it serves FTPS (explicit or implicit) with a self-signed certificate and refuses plain logins.
 * Needs root (as the tests run) and the {@code vsftpd} and {@code openssl} packages (./holdfast test
 * installs them). Authentication uses a PAM service of its own, {@code holdfast-test-ftp} (pam_unix only),
 * so the account needs no login shell.
 */
public final class VsftpdServer implements RestartableServer {

    public enum Tls { NONE, EXPLICIT, IMPLICIT }

    public static final String USER = "hfftp";
    public static final String FOLDER = "data";
    private static final Path BASE = Path.of("/var/lib/holdfast-test-ftp");
    /** One password per test run: every server shares the account, and tests may run two at once. */
    private static final String PASSWORD = UUID.randomUUID().toString();

    private final Path dir;
    private final int port;
    private final String password;
    private final Tls tls;
    private final ServerProcess process;

    private VsftpdServer(Path dir, int port, String password, Tls tls) {
        this.dir = dir;
        this.port = port;
        this.password = password;
        this.tls = tls;
        this.process = new ServerProcess("vsftpd", List.of("/usr/sbin/vsftpd", dir.resolve("vsftpd.conf").toString()),
                port, dir.resolve("stdout.log"), Duration.ofSeconds(15));
    }

    public static VsftpdServer start(Tls tls) {
        if (!Files.isExecutable(Path.of("/usr/sbin/vsftpd"))) {
            throw new IllegalStateException("vsftpd is not installed (package vsftpd): run ./holdfast test");
        }
        try {
            Files.createDirectories(BASE);
            Path dir = Files.createDirectories(BASE.resolve(UUID.randomUUID().toString().substring(0, 8)));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path root = Files.createDirectory(dir.resolve("root"));
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path data = Files.createDirectory(root.resolve(FOLDER));
            Files.createDirectory(root.resolve("readonly"));
            Files.createDirectory(dir.resolve("empty"));
            String password = PASSWORD;
            ensureUser(password);
            Commands.run("chown", USER + ":" + USER, data.toString());
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            StringBuilder conf = new StringBuilder("""
                    listen=YES
                    listen_ipv6=NO
                    background=NO
                    listen_address=127.0.0.1
                    listen_port=%d
                    anonymous_enable=NO
                    local_enable=YES
                    write_enable=YES
                    local_umask=022
                    chroot_local_user=YES
                    allow_writeable_chroot=YES
                    local_root=%s
                    pam_service_name=holdfast-test-ftp
                    userlist_enable=NO
                    seccomp_sandbox=NO
                    secure_chroot_dir=%s
                    vsftpd_log_file=%s
                    xferlog_enable=NO
                    use_localtime=NO
                    mdtm_write=YES
                    pasv_enable=YES
                    pasv_address=127.0.0.1
                    max_clients=0
                    max_per_ip=0
                    log_ftp_protocol=YES
                    """.formatted(port, root, dir.resolve("empty"), dir.resolve("vsftpd.log")));
            if (tls != Tls.NONE) {
                Commands.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                        "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString());
                conf.append("""
                        ssl_enable=YES
                        rsa_cert_file=%s
                        rsa_private_key_file=%s
                        force_local_logins_ssl=YES
                        force_local_data_ssl=YES
                        require_ssl_reuse=NO
                        ssl_ciphers=HIGH
                        implicit_ssl=%s
                        """.formatted(dir.resolve("cert.pem"), dir.resolve("key.pem"), tls == Tls.IMPLICIT ? "YES" : "NO"));
            }
            Files.writeString(dir.resolve("vsftpd.conf"), conf);
            VsftpdServer server = new VsftpdServer(dir, port, password, tls);
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the test vsftpd", e);
        }
    }

    private static synchronized void ensureUser(String password) throws IOException {
        Path pam = Path.of("/etc/pam.d/holdfast-test-ftp");
        if (!Files.exists(pam)) {
            Files.writeString(pam, "auth required pam_unix.so\naccount required pam_unix.so\nsession required pam_permit.so\n");
        }
        try {
            Commands.run("id", USER);
        } catch (IllegalStateException absent) {
            // vsftpd changes into the home folder before the chroot: give it one that exists
            Commands.run("useradd", "--home-dir", BASE.toString(), "--no-create-home", "--shell", "/usr/sbin/nologin", USER);
        }
        Commands.run("sh", "-c", "echo '" + USER + ":" + password + "' | chpasswd");
    }

    /** Starts vsftpd (again) and waits until it accepts connections. */
    @Override
    public void launch() {
        process.launch();
    }

    /** Stops the server and every session it forked (connections drop), keeping its files for {@link #launch()}. */
    @Override
    public void stop() {
        if (process.launched()) {
            // every session is a process of its own; the brackets keep pkill from matching the shell that runs it
            Commands.run("sh", "-c", "pkill -KILL -f '[v]sftpd " + dir.resolve("vsftpd.conf") + "' || true");
            process.waitForExit();
        }
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    public Tls tls() {
        return tls;
    }

    /** The folder FTP clients see as {@code /data}, on this machine. */
    public Path dataFolder() {
        return dir.resolve("root").resolve(FOLDER);
    }

    @Override
    public void close() {
        stop();
        ServerProcess.deleteFolder(dir);
    }
}
