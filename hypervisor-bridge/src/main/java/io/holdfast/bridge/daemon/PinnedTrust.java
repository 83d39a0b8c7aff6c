package io.holdfast.bridge.daemon;

import io.holdfast.bridge.remote.Remotes;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * The master's trust in a daemon: exactly the certificate pinned at registration, whatever name or signer it
 * has (the daemon's certificate is self-signed, and the master may reach it by an address it does not name).
 * An extended trust manager, so the JDK does not add a host name check of its own. The handshake fails before
 * any request — token or storage secrets — is sent.
 */
final class PinnedTrust extends X509ExtendedTrustManager {

    /** The daemon presented another certificate than the pinned one. */
    static final class Mismatch extends CertificateException {
        final String presented;

        Mismatch(String presented) {
            super("certificate fingerprint " + presented + " is not the pinned one");
            this.presented = presented;
        }
    }

    private final String pinned;

    private PinnedTrust(String pinned) {
        this.pinned = pinned;
    }

    static SSLContext context(String pinnedFingerprint) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new PinnedTrust(pinnedFingerprint)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS unavailable", e);
        }
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no certificate presented");
        }
        String presented = Remotes.certificateFingerprint(chain[0]);
        if (!presented.equals(pinned)) {
            throw new Mismatch(presented);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the master does not accept client connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
