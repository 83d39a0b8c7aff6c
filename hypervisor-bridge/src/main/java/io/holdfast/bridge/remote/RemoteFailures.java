package io.holdfast.bridge.remote;

import javax.net.ssl.SSLHandshakeException;
import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides whether a remote failure is permanent (retrying cannot help: bad credentials, host key
 * changed, permission denied, unknown host or bucket) or transient (connection refused or lost, timeouts),
 * and turns it into one sentence.
 */
final class RemoteFailures {

    private RemoteFailures() {
    }

    static RemoteException classify(String what, Throwable e) {
        String text = messages(e).toLowerCase(Locale.ROOT);
        String reason = reason(e, text);
        boolean permanent = isPermanent(e, text);
        if (text.contains("no such file") || hasCause(e, FileNotFoundException.class)) {
            return new RemoteException.NotFound(what + ": not found");
        }
        return new RemoteException(what + ": " + reason, permanent, e);
    }

    private static boolean isPermanent(Throwable e, String text) {
        if (hasCause(e, UnknownHostException.class) || untrustedCertificate(e, text)) {
            return true;
        }
        return text.contains("auth fail") || text.contains("authentication") || text.contains("could not login")
                || text.contains("permission denied") || ftpReply(text, "553") || text.contains("could not create")
                || text.contains("access denied") || text.contains("hostkey") || text.contains("host key")
                || ftpReply(text, "530") || text.contains("nosuchbucket") || text.contains("invalidaccesskeyid")
                || text.contains("signaturedoesnotmatch") || text.contains("s3 accessdenied")
                || text.contains("invalidbucketname");
    }

    private static String reason(Throwable e, String text) {
        if (text.contains("auth fail") || text.contains("authentication") || ftpReply(text, "530")
                || text.contains("could not login")) {
            return "the server refused the user name or password";
        }
        if (text.contains("nosuchbucket")) {
            return "the bucket does not exist";
        }
        if (text.contains("invalidaccesskeyid") || text.contains("signaturedoesnotmatch")) {
            return "the server refused the access key or secret";
        }
        if (text.contains("s3 accessdenied")) {
            return "permission denied (access denied by the bucket's policy?)";
        }
        if (text.contains("hostkey") || text.contains("host key")) {
            return "the server's host key is not the one pinned for it (host key changed)";
        }
        if (untrustedCertificate(e, text)) {
            return "the server's TLS certificate is not trusted (a self-signed one must be pinned by its fingerprint, "
                    + "which the probe shows)";
        }
        if (text.contains("permission denied") || text.contains("access denied") || ftpReply(text, "553")
                || text.contains("could not create")) {
            return "permission denied (is the folder writable by that user?)";
        }
        if (hasCause(e, UnknownHostException.class)) {
            return "unknown host";
        }
        if (hasCause(e, ConnectException.class) || text.contains("connection refused")) {
            return "the server is unreachable (connection refused)";
        }
        if (hasCause(e, SocketTimeoutException.class) || text.contains("timeout") || text.contains("timed out")) {
            return "the server did not answer in time";
        }
        if (hasCause(e, NoRouteToHostException.class)) {
            return "no route to the server";
        }
        if (hasCause(e, SocketException.class) || text.contains("session is down") || text.contains("connection is closed")) {
            return "the connection was lost";
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /**
     * An FTP reply code as a word of its own ("553 Could not create file", "server response: 530 Login
     * incorrect"), not digits inside something else: a port such as 127.0.0.1:42553 is not a reply.
     */
    private static boolean ftpReply(String text, String code) {
        return Pattern.compile("(^|[ (])" + code + "[ -]").matcher(text).find();
    }

    /** A TLS handshake that failed on the certificate: no CA vouches for it, or it names another host. */
    private static boolean untrustedCertificate(Throwable e, String text) {
        return hasCause(e, SSLHandshakeException.class)
                && (text.contains("certification path") || text.contains("pkix") || text.contains("subject alternative"));
    }

    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" | ");
        }
        return sb.toString();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
