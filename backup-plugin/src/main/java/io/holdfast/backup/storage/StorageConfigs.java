package io.holdfast.backup.storage;

import io.holdfast.bridge.remote.ConfigException;
import io.holdfast.bridge.remote.RemoteConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A storage's fields as the bridge's {@link RemoteConfig}, whose checks are the only copy of the rules: its
 * field names are translated to the form's.
 */
final class StorageConfigs {

    /** The bridge's field names that the form calls otherwise. */
    private static final Map<String, String> FORM_FIELD = Map.of("folder", "prefix", "certificateFingerprint", "pinnedFingerprint",
            "hostKeyFingerprint", "pinnedFingerprint", "security", "ftpSecurity", "remote", "rcloneRemote");

    private StorageConfigs() {
    }

    /** The remote, validated; a {@link StorageException} naming the form's fields otherwise. */
    static RemoteConfig remote(StorageSettings s, StorageSecrets secrets) {
        List<ConfigException.FieldError> problems = new ArrayList<>();
        RemoteConfig config = build(s, secrets, problems);
        if (config != null) {
            for (ConfigException.FieldError e : config.problems()) {
                String field = s.kind() == StorageKind.LOCAL && e.field().equals("folder") ? "path" : FORM_FIELD.getOrDefault(e.field(), e.field());
                if (s.kind() == StorageKind.SFTP && e.field().equals("password") && secrets.privateKey() != null) {
                    continue; // a private key will be given to the bridge as a file
                }
                problems.add(new ConfigException.FieldError(field, e.message()));
            }
        }
        if (!problems.isEmpty()) {
            throw new StorageException(problems);
        }
        return config;
    }

    private static RemoteConfig build(StorageSettings s, StorageSecrets secrets, List<ConfigException.FieldError> problems) {
        if (s.kind() == null) {
            problems.add(new ConfigException.FieldError("kind", "is required"));
            return null;
        }
        return switch (s.kind()) {
            case LOCAL -> new RemoteConfig.Local(s.path() == null || s.path().isBlank() ? null : Path.of(s.path().strip()));
            case SFTP -> new RemoteConfig.Sftp(trim(s.host()), port(s.port(), 22), trim(s.username()), secrets.password(), null,
                    blankToNull(s.pinnedFingerprint()), folder(s.prefix()));
            case FTP -> new RemoteConfig.Ftp(trim(s.host()), port(s.port(), 21), trim(s.username()), secrets.password(),
                    s.ftpSecurity(), s.ftpSecurity() == RemoteConfig.FtpSecurity.NONE ? null : blankToNull(s.pinnedFingerprint()),
                    folder(s.prefix()));
            case S3 -> new RemoteConfig.S3(endpoint(s.endpoint(), problems), trim(s.region()), trim(s.bucket()), folder(s.prefix()),
                    trim(s.accessKey()), secrets.secretKey(), Boolean.TRUE.equals(s.pathStyle()), null);
            case RCLONE -> new RemoteConfig.Rclone(trim(s.rcloneRemote()), folder(s.prefix()), null);
        };
    }

    private static URI endpoint(String text, List<ConfigException.FieldError> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new URI(text.strip());
        } catch (URISyntaxException e) {
            problems.add(new ConfigException.FieldError("endpoint", "is not a URL (was '" + text + "')"));
            return URI.create("invalid:/");
        }
    }

    private static int port(Integer port, int standard) {
        return port == null ? standard : port;
    }

    private static String folder(String prefix) {
        if (prefix == null) {
            return "";
        }
        return prefix.strip().replaceAll("^/+", "").replaceAll("/+$", "");
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
