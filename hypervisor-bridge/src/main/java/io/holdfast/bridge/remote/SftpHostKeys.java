package io.holdfast.bridge.remote;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

/**
 * Reads an SSH server's host key before any login, so the key can be pinned: the first fingerprint seen
 * is stored with the storage configuration, and a server presenting another one later is refused.
 */
final class SftpHostKeys {

    /** A host key: its SHA-256 fingerprint and its known_hosts line. */
    record Seen(String fingerprint, String knownHostsLine) {
    }

    private SftpHostKeys() {
    }

    static Seen fetch(String host, int port) {
        JSch jsch = new JSch();
        Session session = null;
        try {
            session = jsch.getSession("holdfast-host-key-probe", host, port);
            session.setConfig("StrictHostKeyChecking", "no");
            session.setConfig("PreferredAuthentications", "none");
            session.setTimeout(15_000);
            JSchException loginRefused = null;
            try {
                session.connect(15_000);
            } catch (JSchException e) {
                loginRefused = e; // expected: the host key was exchanged before the login failed
            }
            HostKey key = session.getHostKey();
            if (key == null) {
                // no key exchange at all: the connection itself failed
                throw RemoteFailures.classify("cannot reach " + host + ":" + port,
                        loginRefused != null ? loginRefused : new JSchException("no host key received"));
            }
            return new Seen(key.getFingerPrint(jsch), key.getHost() + " " + key.getType() + " " + key.getKey());
        } catch (JSchException e) {
            throw RemoteFailures.classify("cannot reach " + host + ":" + port, e);
        } finally {
            if (session != null) {
                session.disconnect();
            }
        }
    }
}
