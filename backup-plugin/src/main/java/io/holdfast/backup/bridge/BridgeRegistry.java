package io.holdfast.backup.bridge;

import io.holdfast.backup.secret.MasterKey;
import io.holdfast.bridge.agent.BridgeException;
import io.holdfast.bridge.daemon.DaemonBridge;
import io.holdfast.bridge.remote.Remotes;
import io.holdfast.plugin.api.inventory.HypervisorDirectory;
import io.holdfast.plugin.api.tenancy.CurrentUser;
import io.holdfast.plugin.api.tenancy.UserRef;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The admin's registrations of bridge daemons (Hypervisors page, REST): URL, token, pinned fingerprint and a
 * Test. Every method an admin calls checks the caller; {@link #bridge} is for the job engine.
 */
public final class BridgeRegistry {

    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

    private final JdbcClient jdbc;
    private final MasterKey masterKey;
    private final CurrentUser currentUser;
    private final HypervisorDirectory hypervisors;
    private final Duration reconnectFor;

    public BridgeRegistry(JdbcClient jdbc, MasterKey masterKey, CurrentUser currentUser, HypervisorDirectory hypervisors,
                          Duration reconnectFor) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
        this.currentUser = currentUser;
        this.hypervisors = hypervisors;
        this.reconnectFor = reconnectFor;
    }

    public List<BridgeRegistration> list() {
        requireAdmin();
        return jdbc.sql("SELECT * FROM backup_bridge_daemon ORDER BY hypervisor_id").query(BridgeRegistry::row).list();
    }

    public Optional<BridgeRegistration> find(long hypervisorId) {
        requireAdmin();
        return registration(hypervisorId);
    }

    private Optional<BridgeRegistration> registration(long hypervisorId) {
        return jdbc.sql("SELECT * FROM backup_bridge_daemon WHERE hypervisor_id = ?").param(hypervisorId)
                .query(BridgeRegistry::row).optional();
    }

    /**
     * Registers (or replaces) a hypervisor's daemon. The token may be left empty when only the URL or the
     * fingerprint changes. Nothing is contacted: {@link #test} does that.
     */
    public BridgeRegistration register(long hypervisorId, String url, String token, String fingerprint) {
        requireAdmin();
        if (hypervisors.find(hypervisorId).isEmpty()) {
            throw new RegistrationException(null, "That hypervisor no longer exists.");
        }
        URI uri = url(url);
        String pin = fingerprint == null ? "" : fingerprint.strip();
        if (!FINGERPRINT.matcher(pin).matches()) {
            throw new RegistrationException("fingerprint", "The fingerprint is SHA256: followed by 43 characters, as "
                    + "`holdfast-bridge fingerprint` prints it on the hypervisor (was '" + pin + "').");
        }
        boolean known = registration(hypervisorId).isPresent();
        String t = token == null ? "" : token.strip();
        if (t.isEmpty() && !known) {
            throw new RegistrationException("token", "The token is required: `holdfast-bridge fingerprint` prints it on the hypervisor.");
        }
        if (known) {
            jdbc.sql("UPDATE backup_bridge_daemon SET url = ?, fingerprint = ?, checked_at = NULL, check_ok = NULL, check_message = NULL"
                    + " WHERE hypervisor_id = ?").params(uri.toString(), pin, hypervisorId).update();
        } else {
            jdbc.sql("INSERT INTO backup_bridge_daemon (hypervisor_id, url, fingerprint, token_sealed) VALUES (?, ?, ?, ?)")
                    .params(hypervisorId, uri.toString(), pin, masterKey.seal(t, place(hypervisorId))).update();
        }
        if (!t.isEmpty() && known) {
            jdbc.sql("UPDATE backup_bridge_daemon SET token_sealed = ? WHERE hypervisor_id = ?")
                    .params(masterKey.seal(t, place(hypervisorId)), hypervisorId).update();
        }
        return registration(hypervisorId).orElseThrow();
    }

    /** Removes the registration: the hypervisor goes back to the in-process bridge (this machine) or to none. */
    public void remove(long hypervisorId) {
        requireAdmin();
        jdbc.sql("DELETE FROM backup_bridge_daemon WHERE hypervisor_id = ?").param(hypervisorId).update();
    }

    /** Reaches the daemon with the pinned certificate and the token; records and returns the verdict in a sentence. */
    public BridgeRegistration test(long hypervisorId) {
        requireAdmin();
        Optional<DaemonBridge> bridge = bridge(hypervisorId);
        if (bridge.isEmpty()) {
            throw new RegistrationException(null, "That hypervisor has no bridge daemon registered.");
        }
        boolean ok;
        String message;
        try {
            message = bridge.get().check();
            ok = true;
        } catch (BridgeException e) {
            message = e.getMessage();
            ok = false;
        }
        jdbc.sql("UPDATE backup_bridge_daemon SET checked_at = ?, check_ok = ?, check_message = ? WHERE hypervisor_id = ?")
                .params(Timestamp.from(Instant.now()), ok, message.length() > 1000 ? message.substring(0, 1000) : message, hypervisorId)
                .update();
        return registration(hypervisorId).orElseThrow();
    }

    /**
     * The fingerprint the server at {@code url} presents now, for the admin to compare with what the hypervisor
     * printed before pinning it (trust on first use, checked by a human).
     */
    public String presentedFingerprint(String url) {
        requireAdmin();
        URI uri = url(url);
        try {
            return Remotes.tlsCertificateFingerprint(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 443);
        } catch (RuntimeException e) {
            throw new RegistrationException("url", "Cannot read the certificate at " + uri + ": " + e.getMessage());
        }
    }

    /** The daemon bridge of a hypervisor, when one is registered; for the job engine (no caller check). */
    Optional<DaemonBridge> bridge(long hypervisorId) {
        return jdbc.sql("SELECT url, fingerprint, token_sealed FROM backup_bridge_daemon WHERE hypervisor_id = ?").param(hypervisorId)
                .query((rs, n) -> new DaemonBridge(URI.create(rs.getString("url")), masterKey.open(rs.getBytes("token_sealed"),
                        place(hypervisorId)), rs.getString("fingerprint"), reconnectFor))
                .optional();
    }

    private static URI url(String url) {
        String u = url == null ? "" : url.strip();
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new RegistrationException("url", "The URL is not valid (was '" + u + "').");
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new RegistrationException("url", "The URL must be https://host:port, as the daemon prints it (was '" + u + "').");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new RegistrationException("url", "The URL is the daemon's address only, without a path (was '" + u + "').");
        }
        return URI.create("https://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : ""));
    }

    private static String place(long hypervisorId) {
        return "bridge/" + hypervisorId + "/token";
    }

    private static BridgeRegistration row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp checked = rs.getTimestamp("checked_at");
        boolean ok = rs.getBoolean("check_ok");
        Boolean checkOk = rs.wasNull() ? null : ok;
        return new BridgeRegistration(rs.getLong("hypervisor_id"), rs.getString("url"), rs.getString("fingerprint"),
                rs.getTimestamp("registered_at").toInstant(), checked == null ? null : checked.toInstant(), checkOk,
                rs.getString("check_message"));
    }

    private UserRef requireAdmin() {
        UserRef user = currentUser.get().orElseThrow(() -> new RegistrationException(null, "Log in as an admin to manage bridge daemons."));
        if (!user.admin()) {
            throw new RegistrationException(null, "Only an admin may manage bridge daemons.");
        }
        return user;
    }
}
