package io.holdfast.backup;

import io.holdfast.backup.instance.BackupsTab;
import io.holdfast.backup.storage.StorageAdminPage;
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
import java.util.Properties;

/** The backup plugin's entry point (listed in META-INF/services). */
public final class BackupPluginFactory implements PluginFactory {

    public static final String ID = "backup";
    static final String MIGRATIONS = "classpath:db/migration/backup";
    static final String HISTORY_TABLE = "backup_schema_history";

    private final PluginDescriptor descriptor = new PluginDescriptor(ID, "Holdfast Backup", readVersion(),
            ApiRange.compatibleWith(new ApiVersion(1, 0)));

    @Override
    public PluginDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public void init(PluginContext context) {
        migrate(context);
        context.ui().addInstanceTab(new InstanceTab("Backups", BackupsTab::new));
        context.ui().addPage(new PageContribution(Panel.ADMIN, "backup-storage", "Backup Storage", StorageAdminPage::new));
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
        // nothing held yet
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
