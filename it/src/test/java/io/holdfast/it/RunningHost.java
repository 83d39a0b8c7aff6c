package io.holdfast.it;

import io.holdfast.host.HostApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real host application (embedded MariaDB under {@code dataDir}, libvirt at qemu:///system, the backup
 * plugin from the class path) started in this JVM on a free port. Close it to stop it.
 */
final class RunningHost implements AutoCloseable {

    static final String ADMIN_PASSWORD = "admin-Secret-1";

    private final ConfigurableApplicationContext context;

    private RunningHost(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * A new, empty data folder under {@code target/} (not the system temp folder, which the embedded
     * database would wipe at every start).
     */
    static Path newDataDir() {
        try {
            Path root = Files.createDirectories(Path.of("target", "host-data"));
            return Files.createTempDirectory(root, "run-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts with a known first admin password. */
    static RunningHost start(Path dataDir) {
        return start(dataDir, "--holdfast.initial-admin-password=" + ADMIN_PASSWORD);
    }

    /** Starts as {@code ./holdfast run} does: the first admin password is generated and printed. */
    static RunningHost startWithGeneratedPassword(Path dataDir) {
        return start(dataDir, new String[0]);
    }

    static RunningHost start(Path dataDir, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--holdfast.data-dir=" + dataDir));
        args.addAll(List.of(extraArgs));
        HostApplication.useTempFolderInside(dataDir); // as HostApplication.main does
        return new RunningHost(new SpringApplicationBuilder(HostApplication.class).run(args.toArray(String[]::new)));
    }

    String baseUrl() {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The backup plugin this host loaded (from the class path here, the same classes as the test's). */
    io.holdfast.backup.BackupPluginFactory backupPlugin() {
        return bean(io.holdfast.host.plugin.PluginHost.class).plugins().stream().map(io.holdfast.host.plugin.LoadedPlugin::factory)
                .filter(io.holdfast.backup.BackupPluginFactory.class::isInstance).map(io.holdfast.backup.BackupPluginFactory.class::cast)
                .findFirst().orElseThrow();
    }

    /** Command-line arguments: {@code common} then {@code more}. */
    static String[] concat(String[] common, String... more) {
        List<String> all = new ArrayList<>(List.of(common));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** The root password of the embedded database this host, started on {@code dataDir}, made for itself. */
    static String databasePassword(Path dataDir) {
        try {
            return Files.readString(dataDir.resolve("mariadb/root-password")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The arguments of another node of this host's cluster, started on {@code dataDir}: its database and master
     * key, no embedded database of its own. The password is not among them: a node in this JVM gets it as one more
     * argument, a node in its own process in its environment (never on a command line).
     */
    String[] joinArguments(Path dataDir) {
        return new String[]{"--holdfast.embedded-database=false",
                "--spring.datasource.url=" + bean(com.zaxxer.hikari.HikariDataSource.class).getJdbcUrl(),
                "--spring.datasource.username=root",
                "--holdfast.plugins.backup.master-key-file=" + dataDir.resolve("plugins/backup/master.key")};
    }

    /**
     * As the admin: a local-folder storage at {@code folder} taking {@code concurrency} jobs at once, enabled
     * and the default of hypervisor {@code local}. Returns its id.
     */
    long localStorageForLocalHypervisor(String name, Path folder, int concurrency) {
        io.holdfast.backup.BackupPluginFactory plugin = backupPlugin();
        long local = bean(io.holdfast.host.inventory.InventoryService.class).allHypervisors().stream()
                .filter(h -> h.getName().equals("local")).findFirst().map(io.holdfast.host.inventory.Hypervisor::getId).orElseThrow();
        long storage = AsAdmin.call(() -> plugin.storages().create(new io.holdfast.backup.storage.StorageForm(name, true,
                io.holdfast.backup.storage.StorageSettings.local(folder.toString()), io.holdfast.backup.storage.StorageSecrets.NONE,
                null, concurrency, false))).id();
        AsAdmin.call(() -> {
            plugin.storages().assign(local, List.of(storage), storage);
            return null;
        });
        return storage;
    }

    @Override
    public void close() {
        context.close();
    }
}
