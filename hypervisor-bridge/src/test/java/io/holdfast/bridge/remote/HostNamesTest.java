package io.holdfast.bridge.remote;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThat;

/** Hardening: FTPS without a pinned certificate did not check that the certificate names the server. */
class HostNamesTest {

    @Test
    void aCertificateMatchesOnlyTheNamesItCarries(@TempDir Path dir) throws Exception {
        X509Certificate cert = certificate(dir, "CN=ftp.example.com", "dns:ftp.example.com,dns:*.backup.example.com,ip:10.0.0.5");

        assertThat(HostNames.matches(cert, "ftp.example.com")).isTrue();
        assertThat(HostNames.matches(cert, "FTP.Example.com")).isTrue();
        assertThat(HostNames.matches(cert, "eu1.backup.example.com")).isTrue();
        assertThat(HostNames.matches(cert, "10.0.0.5")).isTrue();

        assertThat(HostNames.matches(cert, "evil.example.com")).isFalse();
        assertThat(HostNames.matches(cert, "a.b.backup.example.com")).as("a wildcard is one label").isFalse();
        assertThat(HostNames.matches(cert, "backup.example.com")).isFalse();
        assertThat(HostNames.matches(cert, "10.0.0.6")).isFalse();
        assertThat(HostNames.names(cert)).contains("ftp.example.com", "10.0.0.5");
    }

    @Test
    void theCommonNameCountsOnlyWithoutDnsEntries(@TempDir Path dir) throws Exception {
        X509Certificate cnOnly = certificate(dir, "CN=old.example.com", null);
        assertThat(HostNames.matches(cnOnly, "old.example.com")).isTrue();
        assertThat(HostNames.matches(cnOnly, "other.example.com")).isFalse();
    }

    /** A self-signed certificate made by the JDK's keytool (no test library needed). */
    private static X509Certificate certificate(Path dir, String dname, String san) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path store = dir.resolve("ks-" + System.nanoTime() + ".p12");
        java.util.List<String> gen = new java.util.ArrayList<>(java.util.List.of(keytool, "-genkeypair", "-alias", "t", "-keyalg", "EC",
                "-dname", dname, "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit"));
        if (san != null) {
            gen.addAll(java.util.List.of("-ext", "san=" + san));
        }
        run(gen);
        Path cer = dir.resolve("c-" + System.nanoTime() + ".cer");
        run(java.util.List.of(keytool, "-exportcert", "-alias", "t", "-keystore", store.toString(), "-storepass", "changeit",
                "-file", cer.toString()));
        try (InputStream in = Files.newInputStream(cer)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static void run(java.util.List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command + " failed: " + out);
        }
    }
}
