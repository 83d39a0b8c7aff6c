package io.holdfast.bridge.remote;

import org.apache.commons.vfs2.FileObject;
import org.apache.commons.vfs2.FileSystemException;
import org.apache.commons.vfs2.FileSystemOptions;
import org.apache.commons.vfs2.auth.StaticUserAuthenticator;
import org.apache.commons.vfs2.impl.DefaultFileSystemConfigBuilder;
import org.apache.commons.vfs2.impl.StandardFileSystemManager;
import org.apache.commons.vfs2.provider.sftp.IdentityInfo;
import org.apache.commons.vfs2.provider.sftp.SftpFileSystemConfigBuilder;

import java.time.Duration;
import java.util.List;

/** Opens the {@link Remote} a configuration describes, validated first. */
public final class Remotes {

    /** Parallel SFTP connections per remote: enough to keep a link with 50-150 ms latency busy. */
    static final int SFTP_CONNECTIONS = 8;

    /**
     * SFTP connections a restore reads through. A read of a chunk costs more round trips than its write (JSch
     * starts a read with one request and widens by one per reply), so at 50 ms a restore through 8 connections
     * was slower than the backup through 8; the extra connections open only when a restore asks for them.
     */
    static final int SFTP_READ_CONNECTIONS = 16;

    /** Parallel FTP connections per remote (each with its own data connections). */
    static final int FTP_CONNECTIONS = 4;

    private Remotes() {
    }

    /** The remote, with retries of transient failures ({@link RetryPolicy#DEFAULT}). */
    public static Remote open(RemoteConfig config) {
        return open(config, RetryPolicy.DEFAULT);
    }

    public static Remote open(RemoteConfig config, RetryPolicy retries) {
        Remote remote = openBare(config);
        return remote instanceof LocalRemote ? remote : new RetryingRemote(remote, retries);
    }

    /** The remote without wrappers. */
    static Remote openBare(RemoteConfig config) {
        config.validate();
        return switch (config) {
            case RemoteConfig.Local local -> new LocalRemote(local.folder());
            case RemoteConfig.Sftp sftp -> new PooledRemote(sftp(sftp), () -> sftp(sftp), SFTP_CONNECTIONS, SFTP_READ_CONNECTIONS);
            case RemoteConfig.Ftp ftp -> new PooledRemote(FtpRemote.open(ftp), () -> FtpRemote.open(ftp), FTP_CONNECTIONS);
            case RemoteConfig.S3 s3 -> S3Clients.open(s3);
            case RemoteConfig.Rclone rclone -> RcloneServer.open(rclone);
        };
    }

    /** The fingerprint of an FTPS server's certificate, to pin on first use (self-signed certificates). */
    public static String ftpsCertificateFingerprint(RemoteConfig.Ftp config) {
        config.validate();
        return TlsCertificates.fetch(config);
    }

    /** The fingerprint of an S3 endpoint's certificate (https only), to pin on first use (self-signed certificates). */
    public static String s3CertificateFingerprint(RemoteConfig.S3 config) {
        config.validate();
        if (config.endpoint() == null || !"https".equals(config.endpoint().getScheme())) {
            throw new ConfigException(List.of(new ConfigException.FieldError("endpoint", "must be https:// to have a certificate")));
        }
        int port = config.endpoint().getPort() > 0 ? config.endpoint().getPort() : 443;
        return TlsCertificates.fetch(config.endpoint().getHost(), port, config.describe());
    }

    /** The fingerprint of any TLS server's certificate (a bridge daemon's), in the format pins use: {@code SHA256:<base64>}. */
    public static String tlsCertificateFingerprint(String host, int port) {
        return TlsCertificates.fetch(host, port, host + ":" + port);
    }

    /** A certificate's fingerprint in the format pins use. */
    public static String certificateFingerprint(java.security.cert.X509Certificate certificate) {
        return TlsCertificates.fingerprint(certificate);
    }

    /** The SHA-256 fingerprint of an SFTP server's host key, to pin on first use. */
    public static String sftpHostKeyFingerprint(RemoteConfig.Sftp config) {
        config.validate();
        return SftpHostKeys.fetch(config.host(), config.port()).fingerprint();
    }

    /**
     * SFTP through VFS and JSch (mwiede). Exec-channel detection is off: it can hang for ever on servers
     * without exec (sftp-only accounts, chroots). The host key is checked strictly against the one read
     * just before; with a pinned fingerprint in the configuration, any other key is refused.
     */
    static Remote sftp(RemoteConfig.Sftp config) {
        SftpHostKeys.Seen seen = SftpHostKeys.fetch(config.host(), config.port());
        if (config.hostKeyFingerprint() != null && !config.hostKeyFingerprint().equals(seen.fingerprint())) {
            throw new RemoteException("refusing " + config.describe() + ": the server's host key changed (pinned "
                    + config.hostKeyFingerprint() + ", now " + seen.fingerprint() + ")", true, null);
        }
        StandardFileSystemManager manager = new StandardFileSystemManager();
        try {
            java.nio.file.Path knownHosts = java.nio.file.Files.createTempFile("holdfast-known-hosts", "");
            java.nio.file.Files.writeString(knownHosts, seen.knownHostsLine() + "\n");
            knownHosts.toFile().deleteOnExit();
            manager.init();
            FileSystemOptions options = new FileSystemOptions();
            SftpFileSystemConfigBuilder sftp = SftpFileSystemConfigBuilder.getInstance();
            sftp.setDisableDetectExecChannel(options, true);
            sftp.setUserDirIsRoot(options, false);
            sftp.setStrictHostKeyChecking(options, "yes");
            sftp.setKnownHosts(options, knownHosts.toFile());
            sftp.setConnectTimeout(options, Duration.ofSeconds(15));
            sftp.setSessionTimeout(options, Duration.ofSeconds(60));
            if (config.privateKeyText() != null && !config.privateKeyText().isBlank()) {
                // from memory: a job's key never touches the hypervisor's disk
                sftp.setIdentityProvider(options, new org.apache.commons.vfs2.provider.sftp.BytesIdentityInfo(
                        (config.privateKeyText().strip() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII), null));
                sftp.setPreferredAuthentications(options, "publickey");
            } else if (config.privateKey() != null) {
                sftp.setIdentityProvider(options, new IdentityInfo(config.privateKey().toFile()));
                sftp.setPreferredAuthentications(options, "publickey");
            } else {
                sftp.setPreferredAuthentications(options, "password");
            }
            DefaultFileSystemConfigBuilder.getInstance().setUserAuthenticator(options,
                    new StaticUserAuthenticator(null, config.username(), config.password()));
            String folder = config.folder() == null ? "" : config.folder().replaceAll("^/+", "");
            FileObject root = manager.resolveFile("sftp://" + config.host() + ":" + config.port() + "/" + folder, options);
            root.createFolder();
            return new SftpRemote(new VfsRemote(manager, root, config.describe()), config, seen.knownHostsLine());
        } catch (java.io.IOException e) {
            manager.close();
            throw RemoteFailures.classify("cannot open " + config.describe(), e);
        }
    }
}
