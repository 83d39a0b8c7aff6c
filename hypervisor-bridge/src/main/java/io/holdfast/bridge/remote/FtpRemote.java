package io.holdfast.bridge.remote;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;
import org.apache.commons.vfs2.FileObject;
import org.apache.commons.vfs2.FileSystemException;
import org.apache.commons.vfs2.FileSystemOptions;
import org.apache.commons.vfs2.auth.StaticUserAuthenticator;
import org.apache.commons.vfs2.impl.DefaultFileSystemConfigBuilder;
import org.apache.commons.vfs2.impl.StandardFileSystemManager;
import org.apache.commons.vfs2.provider.ftp.FtpFileSystemConfigBuilder;
import org.apache.commons.vfs2.provider.ftp.FtpFileType;
import org.apache.commons.vfs2.provider.ftps.FtpsDataChannelProtectionLevel;
import org.apache.commons.vfs2.provider.ftps.FtpsFileSystemConfigBuilder;
import org.apache.commons.vfs2.provider.ftps.FtpsMode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * FTP and FTPS: transfers, listings, renames and deletes go through Commons VFS's ftp/ftps providers
 * (commons-net, passive mode, binary). Two things VFS cannot do go over a small control connection of our
 * own: {@link #touch} (VFS's FTP files cannot set a modification time; we send {@code MFMT}, or
 * {@code MDTM <time> <path>} where the server only knows that form, as vsftpd) and {@link #stat} with
 * second precision ({@code MDTM} and {@code SIZE}; FTP listings give minutes, which garbage collection's
 * five-minute margin covers for {@link #list}). Listing times are read as UTC, vsftpd's default.
 */
final class FtpRemote extends ForwardingRemote {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final DateTimeFormatter FTP_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final RemoteConfig.Ftp config;
    private final String base;
    private FTPClient control;
    private Boolean serverHasMfmt;

    private FtpRemote(Remote files, RemoteConfig.Ftp config) {
        super(files);
        this.config = config;
        String folder = config.folder() == null ? "" : config.folder().replaceAll("^/+|/+$", "");
        this.base = folder.isEmpty() ? "/" : "/" + folder + "/";
    }

    /** One connection's worth of FTP remote (the caller pools them). */
    static Remote open(RemoteConfig.Ftp config) {
        boolean tls = config.security() != RemoteConfig.FtpSecurity.NONE;
        StandardFileSystemManager manager = new StandardFileSystemManager();
        try {
            manager.init();
            FileSystemOptions options = new FileSystemOptions();
            FtpFileSystemConfigBuilder ftp = tls ? FtpsFileSystemConfigBuilder.getInstance() : FtpFileSystemConfigBuilder.getInstance();
            ftp.setPassiveMode(options, true);
            ftp.setUserDirIsRoot(options, false);
            ftp.setFileType(options, FtpFileType.BINARY);
            ftp.setServerTimeZoneId(options, "UTC");
            ftp.setControlEncoding(options, "UTF-8");
            ftp.setConnectTimeout(options, Duration.ofSeconds(15));
            ftp.setSoTimeout(options, TIMEOUT);
            ftp.setDataTimeout(options, TIMEOUT);
            if (tls) {
                FtpsFileSystemConfigBuilder ftps = FtpsFileSystemConfigBuilder.getInstance();
                ftps.setFtpsMode(options, config.security() == RemoteConfig.FtpSecurity.IMPLICIT_TLS ? FtpsMode.IMPLICIT : FtpsMode.EXPLICIT);
                ftps.setDataChannelProtectionLevel(options, FtpsDataChannelProtectionLevel.P);
                ftps.setTrustManager(options, FtpsCertificates.trustFor(config));
            }
            DefaultFileSystemConfigBuilder.getInstance().setUserAuthenticator(options,
                    new StaticUserAuthenticator(null, config.username(), config.password()));
            String folder = config.folder() == null ? "" : config.folder().replaceAll("^/+", "");
            FileObject root = manager.resolveFile((tls ? "ftps" : "ftp") + "://" + config.host() + ":" + config.port() + "/" + folder, options);
            root.createFolder();
            return new FtpRemote(new VfsRemote(manager, root, config.describe()), config);
        } catch (FileSystemException e) {
            manager.close();
            throw RemoteFailures.classify("cannot open " + config.describe(), e);
        }
    }

    @Override
    protected <T> T call(String operation, long bytes, Supplier<T> work) {
        return work.get();
    }

    @Override
    public Optional<RemoteEntry> stat(String path) {
        String absolute = base + RemotePaths.check(path);
        String name = absolute.substring(absolute.lastIndexOf('/') + 1);
        return control("cannot stat " + path, c -> {
            Instant modified = c.mdtmInstant(absolute);
            if (modified != null) {
                String size = c.getSize(absolute);
                if (size != null) {
                    return Optional.of(new RemoteEntry(name, false, Long.parseLong(size.trim()), modified));
                }
            }
            // 550: a folder or nothing. CWD tells which without a listing (a data connection each)
            if (c.changeWorkingDirectory(absolute)) {
                c.changeWorkingDirectory("/");
                return Optional.of(new RemoteEntry(name, true, 0, Instant.EPOCH));
            }
            return Optional.empty();
        });
    }

    @Override
    public void touch(String path) {
        String absolute = base + RemotePaths.check(path);
        control("cannot touch " + path, c -> {
            if (serverHasMfmt == null) {
                serverHasMfmt = c.hasFeature("MFMT");
            }
            String now = FTP_TIME.format(Instant.now());
            int reply = serverHasMfmt ? c.sendCommand("MFMT", now + " " + absolute) : c.sendCommand("MDTM", now + " " + absolute);
            if (reply == FTPReply.FILE_UNAVAILABLE) {
                throw new RemoteException.NotFound("cannot touch " + path + " on " + describe() + ": not found");
            }
            if (!FTPReply.isPositiveCompletion(reply)) {
                throw new RemoteException("cannot touch " + path + " on " + describe() + ": the server answered "
                        + c.getReplyString().strip(), reply >= 500, null);
            }
            return null;
        });
    }

    private interface ControlCall<T> {
        T apply(FTPClient client) throws IOException;
    }

    /** Runs a command on the control connection, (re)connecting first when needed. */
    private synchronized <T> T control(String what, ControlCall<T> call) {
        try {
            if (control == null || !control.isConnected()) {
                control = connect();
            }
            return call.apply(control);
        } catch (IOException e) {
            disconnect();
            throw RemoteFailures.classify(what + " on " + describe(), e);
        }
    }

    private FTPClient connect() throws IOException {
        FTPClient c;
        if (config.security() == RemoteConfig.FtpSecurity.NONE) {
            c = new FTPClient();
        } else {
            FTPSClient tls = new FTPSClient(config.security() == RemoteConfig.FtpSecurity.IMPLICIT_TLS);
            tls.setTrustManager(FtpsCertificates.trustFor(config));
            c = tls;
        }
        c.setConnectTimeout((int) Duration.ofSeconds(15).toMillis());
        c.setDefaultTimeout((int) TIMEOUT.toMillis());
        c.setControlEncoding("UTF-8");
        c.connect(config.host(), config.port());
        if (!FTPReply.isPositiveCompletion(c.getReplyCode())) {
            String reply = c.getReplyString();
            c.disconnect();
            throw new IOException("the server refused the connection: " + reply);
        }
        if (!c.login(config.username(), config.password())) {
            String reply = c.getReplyString();
            c.disconnect();
            throw new IOException(reply.startsWith("530") ? reply : "530 " + reply);
        }
        c.setFileType(FTP.BINARY_FILE_TYPE);
        return c;
    }

    private synchronized void disconnect() {
        if (control != null) {
            try {
                control.disconnect();
            } catch (IOException ignored) {
                // already broken
            }
            control = null;
        }
    }

    @Override
    public void close() {
        disconnect();
        super.close();
    }
}
