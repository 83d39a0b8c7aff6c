package io.holdfast.bridge.remote;

import org.apache.commons.net.ftp.FTPSClient;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Trust for TLS servers (FTPS, S3 over HTTPS), the way SFTP host keys are pinned: with a fingerprint in
 * the configuration only that certificate is accepted (self-signed ones included, as MinIO or vsftpd
 * installations often have); without one, the JDK's CA store decides. Fingerprints read
 * {@code SHA256:<base64>} like OpenSSH's.
 */
final class TlsCertificates {

    private TlsCertificates() {
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /**
     * The trust manager for a pinned fingerprint (the pin is the whole check: self-signed certificates often
     * name another host), or, when {@code fingerprint} is null, the JDK's trusted CAs plus a check that the
     * certificate names {@code host} — without it any CA-signed certificate for any name was accepted.
     */
    static X509TrustManager trustFor(String fingerprint, String host) {
        return fingerprint == null ? new HostChecked(jdkDefault(), host) : new Pinned(fingerprint);
    }

    /** A TLS context that accepts exactly the pinned certificate. */
    static SSLContext pinnedContext(String fingerprint) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new Pinned(fingerprint)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS unavailable", e);
        }
    }

    /** Connects to an FTPS server (TLS handshake only, no login); returns its certificate's fingerprint. */
    static String fetch(RemoteConfig.Ftp config) {
        AtomicReference<X509Certificate> seen = new AtomicReference<>();
        X509TrustManager capture = new Recording(seen);
        FTPSClient client = new FTPSClient(config.security() == RemoteConfig.FtpSecurity.IMPLICIT_TLS);
        client.setTrustManager(capture);
        client.setConnectTimeout((int) Duration.ofSeconds(15).toMillis());
        try {
            client.connect(config.host(), config.port());
        } catch (IOException e) {
            if (seen.get() == null) {
                throw RemoteFailures.classify("cannot read the certificate of " + config.describe(), e);
            }
        } finally {
            try {
                client.disconnect();
            } catch (IOException ignored) {
                // only the certificate was wanted
            }
        }
        if (seen.get() == null) {
            throw new RemoteException("cannot read the certificate of " + config.describe()
                    + ": the server did not start TLS", true, null);
        }
        return fingerprint(seen.get());
    }

    /** Connects to a TLS server (handshake only, nothing sent); returns its certificate's fingerprint. */
    static String fetch(String host, int port, String what) {
        AtomicReference<X509Certificate> seen = new AtomicReference<>();
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new Recording(seen)}, null);
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(host, port), (int) Duration.ofSeconds(15).toMillis());
                plain.setSoTimeout((int) Duration.ofSeconds(15).toMillis());
                try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, false)) {
                    tls.startHandshake();
                }
            }
        } catch (IOException e) {
            if (seen.get() == null) {
                throw RemoteFailures.classify("cannot read the certificate of " + what, e);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS unavailable", e);
        }
        if (seen.get() == null) {
            throw new RemoteException("cannot read the certificate of " + what + ": the server did not start TLS", true, null);
        }
        return fingerprint(seen.get());
    }

    private static X509TrustManager jdkDefault() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X.509 trust manager in the JDK");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the JDK's trusted certificates", e);
        }
    }

    /** A trust manager for a client: it judges servers only. */
    private interface ServerTrust extends X509TrustManager {
        @Override
        default void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        default X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** Accepts exactly one certificate, whoever signed it. */
    private record Pinned(String pinned) implements ServerTrust {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            String actual = TlsCertificates.fingerprint(chain[0]);
            if (!actual.equals(pinned)) {
                // the words "host key" make RemoteFailures treat this as permanent, like a changed SSH key
                throw new CertificateException("the server's certificate is not the one pinned for it "
                        + "(host key changed: pinned " + pinned + ", now " + actual + ")");
            }
        }
    }

    /** The JDK's verdict on the chain, then whether the certificate names the host we connected to. */
    private record HostChecked(X509TrustManager jdk, String host) implements ServerTrust {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            jdk.checkServerTrusted(chain, authType);
            if (!HostNames.matches(chain[0], host)) {
                throw new CertificateException("the server's certificate is for " + HostNames.names(chain[0])
                        + ", not for " + host + " (untrusted TLS certificate)");
            }
        }
    }

    /** Accepts any certificate and remembers it: only for reading the fingerprint, never for a login. */
    private record Recording(AtomicReference<X509Certificate> seen) implements ServerTrust {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            seen.set(chain[0]);
        }
    }
}
