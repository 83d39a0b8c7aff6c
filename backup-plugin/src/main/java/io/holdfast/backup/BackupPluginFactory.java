package io.holdfast.backup;

import io.holdfast.backup.admin.JobsPage;
import io.holdfast.backup.admin.OverviewPage;
import io.holdfast.backup.bridge.Bridges;
import io.holdfast.backup.catalog.Catalog;
import io.holdfast.backup.instance.BackupsTab;
import io.holdfast.backup.job.JobEngine;
import io.holdfast.backup.job.JobRunner;
import io.holdfast.backup.secret.MasterKey;
import io.holdfast.backup.storage.StorageService;
import io.holdfast.backup.storage.ui.StorageAdminPage;
import io.holdfast.plugin.api.ApiRange;
import io.holdfast.plugin.api.ApiVersion;
import io.holdfast.plugin.api.PluginContext;
import io.holdfast.plugin.api.PluginDescriptor;
import io.holdfast.plugin.api.PluginException;
import io.holdfast.plugin.api.PluginFactory;
import io.holdfast.plugin.api.ui.InstanceTab;
import io.holdfast.plugin.api.ui.PageContribution;
import io.holdfast.plugin.api.ui.Panel;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The backup plugin's entry point (listed in META-INF/services). */
public final class BackupPluginFactory implements PluginFactory {

    public static final String ID = "backup";
    static final String MIGRATIONS = "classpath:db/migration/backup";
    static final String HISTORY_TABLE = "backup_schema_history";

    private final PluginDescriptor descriptor = new PluginDescriptor(ID, "Holdfast Backup", readVersion(),
            ApiRange.compatibleWith(new ApiVersion(1, 3)));

    @Override
    public PluginDescriptor descriptor() {
        return descriptor;
    }

    private JobEngine engine;
    private io.holdfast.backup.policy.PolicyEngine policyEngine;
    private io.holdfast.backup.mirror.MirrorFeature mirrors;
    private io.holdfast.backup.sequence.SequenceFeature sequences;
    private StorageService storages;

    /** The plugin's storage service (admin operations), for the host's tools and tests; null before {@code init}. */
    public StorageService storages() {
        return storages;
    }

    /** The plugin's backup service (tenancy-checked), for the host's tools and tests; null before {@code init}. */
    public io.holdfast.backup.job.BackupService backups() {
        return engine == null ? null : engine.service();
    }

    /** The admin's job service (Jobs page, Overview), for the host's tools and tests; null before {@code init}. */
    public io.holdfast.backup.job.JobAdministration administration() {
        return engine == null ? null : engine.administration();
    }

    /** The policy service (admins and tenants), for tests; null before {@code init}. */
    public io.holdfast.backup.policy.PolicyService policies() {
        return policyEngine == null ? null : policyEngine.service();
    }

    /** The mirror service (admins), for tests; null before {@code init}. */
    public io.holdfast.backup.mirror.MirrorService mirrors() {
        return mirrors == null ? null : mirrors.service();
    }

    /** The sequence service (admins), for tests; null before {@code init}. */
    public io.holdfast.backup.sequence.SequenceService sequences() {
        return sequences == null ? null : sequences.service();
    }

    /** This node's scheduler, for tests that drive its ticks; null before {@code init}. */
    public io.holdfast.backup.policy.PolicyScheduler scheduler() {
        return policyEngine == null ? null : policyEngine.scheduler();
    }

    /** The feed live views listen to, for tests that build the views; null before {@code init}. */
    public io.holdfast.backup.job.JobFeed feed() {
        return engine == null ? null : engine.feed();
    }

    /**
     * Wires the plugin. Settings ({@code holdfast.plugins.backup.*}): {@code master-key-file} (default
     * {@code <data>/plugins/backup/master.key}), {@code work-dir} (sockets and scratch files of jobs),
     * {@code node-name}, {@code workers}, {@code jobs-per-hypervisor}, {@code stale-after-seconds},
     * {@code heartbeat-seconds}, {@code shutdown-timeout-seconds}, {@code rclone-config}, {@code scheduler-enabled},
     * {@code scheduler-tick-seconds} (60), {@code scheduler-lock-at-least-seconds} (30), {@code scheduler-lock-at-most-seconds} (300),
     * {@code gc-every-days} (7),
     * {@code bridge-reconnect-seconds} (600: how long a job follows a bridge daemon it lost the connection to).
     */
    @Override
    public void init(PluginContext context) {
        migrate(context);
        JdbcClient jdbc = JdbcClient.create(context.dataSource());
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(context.dataSource()));
        Path keyFile = context.setting("master-key-file").map(Path::of)
                .orElseGet(() -> context.dataDirectory().resolve("master.key"));
        MasterKey masterKey = MasterKey.loadOrCreate(keyFile);
        Path workDir = context.setting("work-dir").map(Path::of).orElse(Path.of("/var/tmp/holdfast-bridge"));
        Bridges bridges = new Bridges(workDir, Duration.ofSeconds(number(context, "shutdown-timeout-seconds", 120)),
                context.setting("rclone-config").map(Path::of).orElse(null));
        io.holdfast.backup.bridge.BridgeRegistry registry = new io.holdfast.backup.bridge.BridgeRegistry(jdbc, masterKey,
                context.currentUser(), context.hypervisors(), Duration.ofSeconds(number(context, "bridge-reconnect-seconds", 600)));
        bridges.withRegistry(registry);
        storages = new StorageService(jdbc, tx, masterKey, context.currentUser(),
                id -> context.hypervisors().find(id), bridges.local());
        Catalog catalog = new Catalog(jdbc);
        JobRunner.Settings settings = new JobRunner.Settings(context.setting("node-name").orElseGet(BackupPluginFactory::hostName),
                (int) number(context, "workers", 4), (int) number(context, "jobs-per-hypervisor", 2),
                Duration.ofSeconds(number(context, "stale-after-seconds", 30)),
                Duration.ofSeconds(number(context, "heartbeat-seconds", 5)));
        engine = new JobEngine(context, jdbc, tx, storages, catalog, bridges, settings);
        policyEngine = new io.holdfast.backup.policy.PolicyEngine(context, jdbc, catalog, storages, engine,
                new io.holdfast.backup.policy.PolicyScheduler.Settings(Duration.ofSeconds(number(context, "scheduler-tick-seconds", 60)),
                        Duration.ofSeconds(number(context, "scheduler-lock-at-least-seconds", 30)),
                        Duration.ofSeconds(number(context, "scheduler-lock-at-most-seconds", 300)),
                        (int) number(context, "gc-every-days", 7),
                        !"false".equals(context.setting("scheduler-enabled").orElse("true").strip())));
        mirrors = new io.holdfast.backup.mirror.MirrorFeature(context, jdbc, catalog, storages, engine, bridges, policyEngine);
        sequences = new io.holdfast.backup.sequence.SequenceFeature(context, jdbc, engine, policyEngine, mirrors, storages);
        new io.holdfast.backup.api.BackupApi(context.rest(), engine.service(), storages, policyEngine.service(), mirrors.service(),
                sequences.service());
        context.ui().addInstanceTab(new InstanceTab("Backups", instance -> new BackupsTab(instance, engine.service(),
                policyEngine.service(), engine.feed(), context.instances())));
        context.ui().addPage(new PageContribution(Panel.ADMIN, "backup-policies", "Backup Policies",
                () -> new io.holdfast.backup.policy.ui.PoliciesPage(policyEngine.service(), storages, context.instances())));
        context.ui().addPage(new PageContribution(Panel.ADMIN, "backup-mirrors", "Backup Mirrors",
                () -> new io.holdfast.backup.mirror.ui.MirrorsPage(mirrors.service(), engine.service(), engine.feed(),
                        () -> context.tenants().tenants(), () -> policyEngine.service().all())));
        context.ui().addPage(new PageContribution(Panel.ADMIN, "backup-sequences", "Backup Sequences",
                () -> new io.holdfast.backup.sequence.ui.SequencesPage(sequences.service(), engine.service(), engine.feed(),
                        () -> io.holdfast.backup.sequence.ui.StepTargets.of(policyEngine.service().all(), mirrors.service().all(),
                                storages.list()))));
        context.ui().addPage(new PageContribution(Panel.ADMIN, "backup-overview", "Backup Overview",
                () -> new OverviewPage(engine.administration(), engine.service(), engine.feed())));
        context.ui().addPage(new PageContribution(Panel.ADMIN, "backup-jobs", "Backup Jobs",
                () -> new JobsPage(engine.administration(), engine.service(), storages, context.hypervisors(), engine.feed())));
        context.ui().addPage(new PageContribution(Panel.ADMIN, "backup-storage", "Backup Storage",
                () -> new StorageAdminPage(storages, context.hypervisors())));
        context.ui().addPage(new PageContribution(Panel.ADMIN, "backup-hypervisors", "Backup Hypervisors",
                () -> new io.holdfast.backup.bridge.ui.HypervisorsPage(registry, context.hypervisors())));
    }

    /** The job runner starts once every plugin is up. */
    @Override
    public void postInit() {
        engine.start();
        policyEngine.start();
    }

    private static long number(PluginContext context, String name, long fallback) {
        String value = context.setting(name).orElse(null);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new PluginException("holdfast.plugins.backup." + name + " must be a number (was '" + value + "')");
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "node";
        }
    }

    /** The plugin's own schema, with its own history table beside the host's. */
    private static void migrate(PluginContext context) {
        try {
            Flyway.configure(BackupPluginFactory.class.getClassLoader())
                    .dataSource(context.dataSource())
                    .locations(MIGRATIONS)
                    .table(HISTORY_TABLE)
                    // the schema already holds the host's tables: start our own history at version 0
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new PluginException("the backup plugin's database migration failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (policyEngine != null) {
            policyEngine.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    private static String readVersion() {
        try (InputStream in = BackupPluginFactory.class.getResourceAsStream("plugin.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
