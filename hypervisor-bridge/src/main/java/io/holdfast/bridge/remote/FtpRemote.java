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
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * FTP and FTPS. Reads, listings and deletes go through Commons VFS's ftp/ftps providers (commons-net,
 * passive mode, binary). Three things go over a connection of our own, on the same commons-net client:
 * <ul>
 * <li>{@link #put}: VFS lists the parent folder before and after every write (its existence checks), each
 * listing a new data connection, on FTPS a new TLS handshake: measured here, FTPS backups ran at 0.12x the
 * local folder that way. We create folders once (MKD, remembered), STOR to a temporary name and rename.</li>
 * <li>{@link #touch}: VFS's FTP files cannot set a modification time; we send {@code MFMT}, or
 * {@code MDTM <time> <path>} where the server only knows that form (vsftpd).</li>
 * <li>{@link #stat} with second precision ({@code MDTM}, {@code SIZE}) and no listing; FTP listings give
 * minutes, which garbage collection's five-minute margin covers for {@link #list}. Listing times are read
 * as UTC, vsftpd's default.</li>
 * </ul>
 */
final class FtpRemote extends ForwardingRemote {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final DateTimeFormatter FTP_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final RemoteConfig.Ftp config;
    private final String base;
    private FTPClient control;
    private Boolean serverHasMfmt;
    /** Folders known to exist (created or seen by this connection): MKD is sent once per folder. */
    private final Set<String> knownFolders = new HashSet<>();

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
                ftps.setTrustManager(options, TlsCertificates.trustFor(config.certificateFingerprint(), config.host()));
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
    public void put(String path, ByteBuffer data) {
        String relative = RemotePaths.check(path);
        String absolute = base + relative;
        String folder = absolute.substring(0, absolute.lastIndexOf('/') + 1);
        String temporary = folder + RemotePaths.temporaryName(absolute.substring(folder.length()));
        control("cannot write " + path, c -> {
            ensureFolder(c, folder);
            if (!store(c, temporary, data)) {
                // the folder may have been removed since we created it (another connection's deleteTree)
                knownFolders.clear();
                ensureFolder(c, folder);
                if (!store(c, temporary, data)) {
                    throw new IOException(c.getReplyString().strip());
                }
            }
            if (!c.rename(temporary, absolute)) {
                // some servers do not rename over an existing file; an existing blob has the same contents anyway
                c.deleteFile(absolute);
                if (!c.rename(temporary, absolute)) {
                    String reply = c.getReplyString().strip();
                    c.deleteFile(temporary);
                    throw new IOException(reply);
                }
            }
            return null;
        });
    }

    private static boolean store(FTPClient c, String path, ByteBuffer data) throws IOException {
        ByteBuffer b = data.duplicate();
        try (InputStream in = new ByteBufferInputStream(b)) {
            return c.storeFile(path, in);
        }
    }

    /** Creates the folder and its parents (MKD), each once per connection. */
    private void ensureFolder(FTPClient c, String folder) throws IOException {
        if (knownFolders.contains(folder)) {
            return;
        }
        StringBuilder path = new StringBuilder("/");
        for (String part : folder.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            path.append(part).append('/');
            String f = path.toString();
            if (knownFolders.contains(f)) {
                continue;
            }
            if (!c.makeDirectory(f) && !c.changeWorkingDirectory(f)) {
                throw new IOException("553 cannot create folder " + f + ": " + c.getReplyString().strip());
            }
            knownFolders.add(f);
        }
        c.changeWorkingDirectory("/");
    }

    @Override
    public void deleteTree(String folder) {
        super.deleteTree(folder);
        synchronized (this) {
            knownFolders.clear(); // the folders it removed may be created again later
        }
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
            tls.setTrustManager(TlsCertificates.trustFor(config.certificateFingerprint(), config.host()));
            // TLS 1.2 for our uploads: under TLS 1.3 the server sends session tickets after the handshake
            // on each data connection; an upload never reads them, so closing the socket with them unread
            // resets the connection and the server fails the STOR ("426 Failure reading network stream":
            // one FtpsRemoteIT run in four failed so here; none in six with TLS 1.2)
            tls.setEnabledProtocols(new String[]{"TLSv1.2"});
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
        if (c instanceof FTPSClient tls) {
            tls.execPBSZ(0);
            tls.execPROT("P"); // data connections encrypted too
        }
        c.enterLocalPassiveMode();
        c.setBufferSize(1 << 20);
        return c;
    }

    private synchronized void disconnect() {
        knownFolders.clear();
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
