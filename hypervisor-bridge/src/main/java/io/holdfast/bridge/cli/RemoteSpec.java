package io.holdfast.bridge.cli;

import io.holdfast.bridge.remote.RemoteConfig;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Turns what the command line names into a {@link RemoteConfig}: a URI (secrets from a file or the
 * environment, never the URI) or a properties file an admin keeps readable by root only. The formats are in
 * docs/bridge.md.
 */
final class RemoteSpec {

    private RemoteSpec() {
    }

    /**
     * {@code sftp://user@host[:port]/folder[?hostkey=SHA256:…]},
     * {@code ftp://user@host[:port]/folder}, {@code ftps://user@host[:port]/folder[?tls=implicit][&fingerprint=SHA256:…]},
     * {@code s3://ACCESS_KEY@bucket/prefix?region=…[&endpoint=https://…][&path-style=true][&fingerprint=SHA256:…]}.
     */
    static RemoteConfig fromUri(URI uri, Supplier<String> secret, Path identity) {
        Map<String, String> query = query(uri);
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return switch (uri.getScheme()) {
            case "file" -> new RemoteConfig.Local(Path.of(uri.getPath()));
            case "sftp" -> new RemoteConfig.Sftp(uri.getHost(), port(uri, 22), uri.getUserInfo(),
                    identity == null ? secret.get() : null, identity, query.get("hostkey"), path);
            case "ftp" -> new RemoteConfig.Ftp(uri.getHost(), port(uri, 21), uri.getUserInfo(), secret.get(),
                    RemoteConfig.FtpSecurity.NONE, null, path);
            case "ftps" -> {
                boolean implicit = "implicit".equals(query.get("tls"));
                yield new RemoteConfig.Ftp(uri.getHost(), port(uri, implicit ? 990 : 21), uri.getUserInfo(), secret.get(),
                        implicit ? RemoteConfig.FtpSecurity.IMPLICIT_TLS : RemoteConfig.FtpSecurity.EXPLICIT_TLS,
                        query.get("fingerprint"), path);
            }
            case "s3" -> new RemoteConfig.S3(query.containsKey("endpoint") ? URI.create(query.get("endpoint")) : null,
                    query.getOrDefault("region", "us-east-1"), uri.getHost(), path, uri.getUserInfo(), secret.get(),
                    Boolean.parseBoolean(query.getOrDefault("path-style", "false")), query.get("fingerprint"));
            default -> throw new CliException(ExitCodes.USAGE, "unsupported datastore URI scheme '" + uri.getScheme()
                    + "' (file, sftp, ftp, ftps, s3)");
        };
    }

    /** A properties file: {@code type=local|sftp|ftp|s3} and that type's fields (see docs/bridge.md). */
    static RemoteConfig fromFile(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read the remote configuration " + file);
        }
        String type = p.getProperty("type", "");
        return switch (type) {
            case "local" -> new RemoteConfig.Local(Path.of(p.getProperty("folder", "")));
            case "sftp" -> new RemoteConfig.Sftp(p.getProperty("host"), intOf(p, "port", 22), p.getProperty("username"),
                    p.getProperty("password"), p.containsKey("private-key") ? Path.of(p.getProperty("private-key")) : null,
                    p.getProperty("host-key-fingerprint"), p.getProperty("folder", ""));
            case "ftp" -> new RemoteConfig.Ftp(p.getProperty("host"), intOf(p, "port", 21), p.getProperty("username"),
                    p.getProperty("password"), security(p.getProperty("security", "none")),
                    p.getProperty("certificate-fingerprint"), p.getProperty("folder", ""));
            case "s3" -> new RemoteConfig.S3(p.containsKey("endpoint") ? URI.create(p.getProperty("endpoint")) : null,
                    p.getProperty("region", "us-east-1"), p.getProperty("bucket"), p.getProperty("prefix", ""),
                    p.getProperty("access-key"), p.getProperty("secret-key"),
                    Boolean.parseBoolean(p.getProperty("path-style", "false")), p.getProperty("certificate-fingerprint"));
            default -> throw new CliException(ExitCodes.USAGE, "type: must be local, sftp, ftp or s3 (was '" + type + "') in " + file);
        };
    }

    private static RemoteConfig.FtpSecurity security(String value) {
        return switch (value) {
            case "none" -> RemoteConfig.FtpSecurity.NONE;
            case "explicit" -> RemoteConfig.FtpSecurity.EXPLICIT_TLS;
            case "implicit" -> RemoteConfig.FtpSecurity.IMPLICIT_TLS;
            default -> throw new CliException(ExitCodes.USAGE, "security: must be none, explicit or implicit (was '" + value + "')");
        };
    }

    private static int intOf(Properties p, String field, int fallback) {
        String value = p.getProperty(field);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new CliException(ExitCodes.USAGE, field + ": must be a number (was '" + value + "')");
        }
    }

    private static int port(URI uri, int fallback) {
        return uri.getPort() < 0 ? fallback : uri.getPort();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> map = new HashMap<>();
        if (uri.getRawQuery() == null) {
            return map;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            // '+' stays '+': fingerprints are base64 (URLDecoder alone would make it a space)
            String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1).replace("+", "%2B"),
                    java.nio.charset.StandardCharsets.UTF_8);
            map.put(k, v);
        }
        return map;
    }
}
