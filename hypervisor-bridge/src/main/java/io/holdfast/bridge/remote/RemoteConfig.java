package io.holdfast.bridge.remote;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a datastore lives, as an admin configures it. Secrets (passwords, keys) are part of a
 * configuration but never of its {@link #describe()}. {@link #validate()} refuses bad input with the
 * field's name before anything is contacted.
 */
public sealed interface RemoteConfig {

    /** A description for messages and logs, without secrets. */
    String describe();

    /** The problems of this configuration, each naming its field; empty when it is usable. */
    List<ConfigException.FieldError> problems();

    default RemoteConfig validate() {
        List<ConfigException.FieldError> problems = problems();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return this;
    }

    record Local(Path folder) implements RemoteConfig {
        @Override
        public String describe() {
            return "local:" + folder;
        }

        @Override
        public List<ConfigException.FieldError> problems() {
            List<ConfigException.FieldError> p = new ArrayList<>();
            if (folder == null || folder.toString().isBlank()) {
                p.add(new ConfigException.FieldError("folder", "is required"));
            } else if (!folder.isAbsolute()) {
                p.add(new ConfigException.FieldError("folder", "must be an absolute path (was " + folder + ")"));
            } else {
                Checks.noParentSegments(p, "folder", folder.toString());
            }
            return p;
        }
    }

    /**
     * SFTP with a password or a private key; the server's host key is pinned on first use.
     *
     * @param privateKey     a key file (the CLI's way), or null
     * @param privateKeyText the key itself (OpenSSH text), kept in memory only (a job's storage from the master), or null
     */
    record Sftp(String host, int port, String username, String password, Path privateKey, String hostKeyFingerprint,
                String folder, String privateKeyText) implements RemoteConfig {

        /** With a key file or none. */
        public Sftp(String host, int port, String username, String password, Path privateKey, String hostKeyFingerprint,
                    String folder) {
            this(host, port, username, password, privateKey, hostKeyFingerprint, folder, null);
        }

        public Sftp withPrivateKeyText(String text) {
            return new Sftp(host, port, username, password, privateKey, hostKeyFingerprint, folder, text);
        }

        /** Whether it logs in with a key (from a file or from memory). */
        public boolean hasPrivateKey() {
            return privateKey != null || (privateKeyText != null && !privateKeyText.isBlank());
        }

        @Override
        public String describe() {
            return "sftp://" + username + "@" + host + ":" + port + "/" + folder;
        }

        @Override
        public String toString() {
            return "Sftp[" + describe() + ", password=" + Checks.redacted(password) + ", privateKey=" + privateKey
                    + ", privateKeyText=" + Checks.redacted(privateKeyText) + ", hostKeyFingerprint=" + hostKeyFingerprint + "]";
        }

        @Override
        public List<ConfigException.FieldError> problems() {
            List<ConfigException.FieldError> p = new ArrayList<>();
            Checks.host(p, host);
            Checks.port(p, port);
            Checks.required(p, "username", username);
            if ((password == null || password.isEmpty()) && !hasPrivateKey()) {
                p.add(new ConfigException.FieldError("password", "give a password or a private key"));
            }
            Checks.folder(p, "folder", folder);
            return p;
        }
    }

    enum FtpSecurity { NONE, EXPLICIT_TLS, IMPLICIT_TLS }

    /**
     * FTP, or FTPS (explicit or implicit TLS), in passive mode. For FTPS, {@code certificateFingerprint}
     * (SHA-256 of the server's certificate, as the probe reports it) pins a self-signed certificate; without
     * it the certificate must be trusted by the JDK's CA store.
     */
    record Ftp(String host, int port, String username, String password, FtpSecurity security,
               String certificateFingerprint, String folder) implements RemoteConfig {
        @Override
        public String describe() {
            return (security == FtpSecurity.NONE ? "ftp" : "ftps") + "://" + username + "@" + host + ":" + port + "/"
                    + (folder == null ? "" : folder);
        }

        @Override
        public String toString() {
            return "Ftp[" + describe() + ", password=" + Checks.redacted(password) + ", security=" + security
                    + ", certificateFingerprint=" + certificateFingerprint + "]";
        }

        @Override
        public List<ConfigException.FieldError> problems() {
            List<ConfigException.FieldError> p = new ArrayList<>();
            Checks.host(p, host);
            Checks.port(p, port);
            Checks.required(p, "username", username);
            Checks.required(p, "password", password);
            if (security == null) {
                p.add(new ConfigException.FieldError("security", "is required (none, explicit TLS or implicit TLS)"));
            } else if (security == FtpSecurity.NONE && certificateFingerprint != null) {
                p.add(new ConfigException.FieldError("certificateFingerprint", "applies to FTPS only"));
            }
            Checks.folder(p, "folder", folder);
            return p;
        }
    }

    /**
     * S3-compatible object storage (AWS, MinIO, Wasabi, Backblaze B2, DigitalOcean Spaces, Ceph RGW). With an
     * https endpoint, {@code certificateFingerprint} (SHA-256 of the server's certificate, as the probe
     * reports it) pins a self-signed certificate; without it the JDK's CA store decides.
     */
    record S3(URI endpoint, String region, String bucket, String prefix, String accessKey, String secretKey,
              boolean pathStyle, String certificateFingerprint) implements RemoteConfig {
        private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
        private static final Pattern IP = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

        /** Without a pinned certificate. */
        public S3(URI endpoint, String region, String bucket, String prefix, String accessKey, String secretKey,
                  boolean pathStyle) {
            this(endpoint, region, bucket, prefix, accessKey, secretKey, pathStyle, null);
        }

        @Override
        public String describe() {
            return "s3://" + bucket + "/" + (prefix == null ? "" : prefix) + (endpoint == null ? "" : " at " + endpoint);
        }

        @Override
        public String toString() {
            return "S3[" + describe() + ", region=" + region + ", accessKey=" + accessKey + ", secretKey="
                    + Checks.redacted(secretKey) + ", pathStyle=" + pathStyle + ", certificateFingerprint="
                    + certificateFingerprint + "]";
        }

        @Override
        public List<ConfigException.FieldError> problems() {
            List<ConfigException.FieldError> p = new ArrayList<>();
            if (endpoint != null) {
                String scheme = endpoint.getScheme();
                if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
                    p.add(new ConfigException.FieldError("endpoint", "must start with https:// or http:// (was " + endpoint + ")"));
                } else if (endpoint.getHost() == null) {
                    p.add(new ConfigException.FieldError("endpoint", "has no host (was " + endpoint + ")"));
                }
            }
            Checks.required(p, "region", region);
            if (bucket == null || bucket.isEmpty()) {
                p.add(new ConfigException.FieldError("bucket", "is required"));
            } else if (!BUCKET.matcher(bucket).matches() || bucket.contains("..") || IP.matcher(bucket).matches()) {
                p.add(new ConfigException.FieldError("bucket", "must be 3-63 lower case letters, digits, dots or dashes, "
                        + "starting and ending with a letter or digit (was '" + bucket + "')"));
            }
            if (prefix != null && !prefix.isEmpty()) {
                Checks.folder(p, "prefix", prefix);
            }
            Checks.required(p, "accessKey", accessKey);
            Checks.required(p, "secretKey", secretKey);
            if (certificateFingerprint != null && (endpoint == null || !"https".equals(endpoint.getScheme()))) {
                p.add(new ConfigException.FieldError("certificateFingerprint", "applies to an https:// endpoint only"));
            }
            return p;
        }
    }

    /**
     * A remote of rclone ({@code rclone config} on the hypervisor) for the backends Holdfast does not speak
     * itself. The bridge starts {@code rclone serve sftp} on a loopback port with keys it makes for that
     * run, and talks SFTP to it (see {@link RcloneServer}).
     *
     * @param remote     the rclone remote's name (a section of its config file)
     * @param folder     the folder on that remote the datastore lives in
     * @param configFile rclone's config file, or null for rclone's default ({@code ~/.config/rclone/rclone.conf})
     */
    record Rclone(String remote, String folder, Path configFile) implements RemoteConfig {
        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_. -]{0,63}");

        @Override
        public String describe() {
            return "rclone:" + remote + ":" + (folder == null ? "" : folder);
        }

        @Override
        public List<ConfigException.FieldError> problems() {
            List<ConfigException.FieldError> p = new ArrayList<>();
            if (remote == null || remote.isBlank()) {
                p.add(new ConfigException.FieldError("remote", "is required (the name of a remote in rclone's config)"));
            } else if (!NAME.matcher(remote).matches() || remote.endsWith(" ")) {
                p.add(new ConfigException.FieldError("remote", "is not an rclone remote name (was '" + remote + "')"));
            }
            Checks.folder(p, "folder", folder);
            if (configFile != null && !configFile.isAbsolute()) {
                p.add(new ConfigException.FieldError("configFile", "must be an absolute path (was " + configFile + ")"));
            }
            return p;
        }
    }

    /** Field checks shared by the configurations. */
    final class Checks {
        private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9a-fA-F:]+]");

        private Checks() {
        }

        /** How a secret shows in {@code toString}: whether it is set, never what it is. */
        static String redacted(String secret) {
            return secret == null || secret.isEmpty() ? "(none)" : "(secret)";
        }

        static void host(List<ConfigException.FieldError> p, String host) {
            if (host == null || host.isBlank()) {
                p.add(new ConfigException.FieldError("host", "is required"));
            } else if (!HOST.matcher(host).matches()) {
                p.add(new ConfigException.FieldError("host", "is not a host name or address (was '" + host + "')"));
            }
        }

        static void port(List<ConfigException.FieldError> p, int port) {
            if (port < 1 || port > 65535) {
                p.add(new ConfigException.FieldError("port", "must be between 1 and 65535 (was " + port + ")"));
            }
        }

        static void required(List<ConfigException.FieldError> p, String field, String value) {
            if (value == null || value.isBlank()) {
                p.add(new ConfigException.FieldError(field, "is required"));
            }
        }

        static void folder(List<ConfigException.FieldError> p, String field, String folder) {
            if (folder == null) {
                return;
            }
            if (folder.contains("\\")) {
                p.add(new ConfigException.FieldError(field, "must use '/' between folders (was '" + folder + "')"));
            }
            noParentSegments(p, field, folder);
        }

        static void noParentSegments(List<ConfigException.FieldError> p, String field, String path) {
            for (String part : path.split("/")) {
                if (part.equals("..")) {
                    p.add(new ConfigException.FieldError(field, "must not contain '..' (was '" + path + "')"));
                    return;
                }
            }
        }
    }
}
