package io.holdfast.bridge.daemon;

import io.holdfast.bridge.remote.Remotes;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Who a daemon is: a self-signed TLS certificate made on first start ({@code tls/bridge.p12}, its password in
 * {@code tls/bridge.p12.pass}) and the token the master presents ({@code token}); all three files mode 0600 in a
 * folder only the daemon's user can enter. The master pins the certificate's fingerprint at registration.
 * The certificate is made with the JDK's {@code keytool} (the JDK has no API for it), its password passed
 * through the environment, never on the command line.
 */
public final class DaemonIdentity {

    private static final String ALIAS = "holdfast-bridge";
    private static final String OWNER_ONLY = "rw-------";

    private final Path keystore;
    private final char[] password;
    private final String token;
    private final X509Certificate certificate;

    private DaemonIdentity(Path keystore, char[] password, String token, X509Certificate certificate) {
        this.keystore = keystore;
        this.password = password;
        this.token = token;
        this.certificate = certificate;
    }

    /** Reads the identity from {@code stateDir}, making what is missing. */
    public static DaemonIdentity loadOrCreate(Path stateDir) {
        try {
            Files.createDirectories(stateDir);
            Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwx------"));
            Path tls = Files.createDirectories(stateDir.resolve("tls"));
            Files.setPosixFilePermissions(tls, PosixFilePermissions.fromString("rwx------"));
            Path keystore = tls.resolve("bridge.p12");
            Path passFile = tls.resolve("bridge.p12.pass");
            if (!Files.exists(keystore)) {
                String password = randomText(24);
                Files.deleteIfExists(passFile);
                writeSecret(passFile, password);
                generate(keystore, password);
            }
            Path tokenFile = stateDir.resolve("token");
            if (!Files.exists(tokenFile)) {
                writeSecret(tokenFile, randomText(32));
            }
            char[] password = Files.readString(passFile, StandardCharsets.US_ASCII).strip().toCharArray();
            String token = Files.readString(tokenFile, StandardCharsets.US_ASCII).strip();
            KeyStore store = load(keystore, password);
            return new DaemonIdentity(keystore, password, token, (X509Certificate) store.getCertificate(ALIAS));
        } catch (IOException | GeneralSecurityException e) {
            throw new DaemonException("cannot read or create the bridge's identity under " + stateDir + ": " + e.getMessage(), e);
        }
    }

    /** The fingerprint the master pins: {@code SHA256:<base64>} of the certificate, as for FTPS and S3 servers. */
    public String fingerprint() {
        return Remotes.certificateFingerprint(certificate);
    }

    /** The token the master sends as {@code Authorization: Bearer}. */
    public String token() {
        return token;
    }

    /** Whether {@code presented} is the token, compared in constant time. */
    boolean accepts(String presented) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keystore, password), password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new DaemonException("cannot set up TLS from " + keystore + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path keystore, char[] password) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            if (!(store.getCertificate(ALIAS) instanceof X509Certificate)) {
                throw new DaemonException(keystore + " has no certificate '" + ALIAS + "': move it away and start again to make a new one "
                        + "(then register the bridge again with the new fingerprint)");
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new DaemonException("cannot read " + keystore + " (" + e.getMessage() + "): move it away and start again to make "
                    + "a new one (then register the bridge again with the new fingerprint)", e);
        }
    }

    private static void generate(Path keystore, String password) {
        String host = hostName();
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-validity", "3650", "-dname", "CN=" + host,
                "-ext", "SAN=dns:" + host + ",dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass:env", "HOLDFAST_KEYSTORE_PASS", "-keypass:env", "HOLDFAST_KEYSTORE_PASS");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("HOLDFAST_KEYSTORE_PASS", password);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                Files.deleteIfExists(keystore);
                throw new DaemonException("keytool could not make the bridge's certificate: " + output.strip());
            }
            Files.setPosixFilePermissions(keystore, PosixFilePermissions.fromString(OWNER_ONLY));
        } catch (IOException e) {
            throw new DaemonException("cannot run " + keytool + " to make the bridge's certificate: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaemonException("interrupted while making the bridge's certificate", e);
        }
    }

    private static void writeSecret(Path file, String secret) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY)));
        Files.writeString(file, secret + "\n", StandardCharsets.US_ASCII);
    }

    private static String randomText(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.matches("[A-Za-z0-9.-]{1,253}") ? name : "localhost";
        } catch (IOException e) {
            return "localhost";
        }
    }
}
