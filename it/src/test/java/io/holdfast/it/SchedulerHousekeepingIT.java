package io.holdfast.it;

import com.zaxxer.hikari.HikariDataSource;
import io.holdfast.backup.BackupPluginFactory;
import io.holdfast.backup.policy.Policy;
import io.holdfast.backup.policy.PolicyScheduler;
import io.holdfast.backup.storage.StorageForm;
import io.holdfast.backup.storage.StorageSecrets;
import io.holdfast.backup.storage.StorageSettings;
import io.holdfast.bridge.testing.TestVm;
import io.holdfast.host.inventory.Hypervisor;
import io.holdfast.host.inventory.Instance;
import io.holdfast.host.inventory.InventoryService;
import io.holdfast.policy.retention.RetentionRules;
import io.holdfast.policy.schedule.BackupWindow;
import io.holdfast.policy.schedule.Schedule;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler's housekeeping on the real host, with a test clock: an instance seen for the first time
 * follows the auto-enrol policy (one seen before a policy existed does not); a slot outside its window is
 * recorded as missed; snapshots not verified for the policy's days are verified; a storage gets its gc a
 * week after the last one — each through a job whose task log says why.
 */
class SchedulerHousekeepingIT {

    @Test
    void autoEnrolMissedSlotsVerifyAndGc() throws Exception {
        try (TestVm early = TestVm.create(8L << 20).writePattern(0x51, 0, 1 << 20)) {
            Path datastore = Files.createTempDirectory(Files.createDirectories(Path.of("target", "housekeeping")), "ds-").toAbsolutePath();
            try (RunningHost host = RunningHost.start(RunningHost.newDataDir(), "--holdfast.initial-admin-password=" + RunningHost.ADMIN_PASSWORD,
                    "--holdfast.plugins.backup.scheduler-enabled=false", "--holdfast.plugins.backup.scheduler-lock-at-least-seconds=0",
                    "--holdfast.plugins.backup.heartbeat-seconds=1", "--holdfast.plugins.backup.stale-after-seconds=3")) {
                BackupPluginFactory plugin = host.backupPlugin();
                PolicyScheduler scheduler = plugin.scheduler();
                JdbcClient sql = JdbcClient.create(host.bean(HikariDataSource.class));
                InventoryService inventory = host.bean(InventoryService.class);
                long local = inventory.allHypervisors().stream().filter(h -> h.getName().equals("local")).findFirst()
                        .map(Hypervisor::getId).orElseThrow();
                long storage = AsAdmin.call(() -> plugin.storages().create(new StorageForm("hk-local", true,
                        StorageSettings.local(datastore.toString()), StorageSecrets.NONE, null, 2, false))).id();
                AsAdmin.call(() -> {
                    plugin.storages().assign(local, List.of(storage), storage);
                    return null;
                });
                Instant now = sql.sql("SELECT NOW(6)").query(Timestamp.class).single().toInstant();
                // the first tick sees the instance that already existed: no auto-enrol policy yet, it stays alone
                assertThat(scheduler.tickAt(now).ran()).isTrue();

                // a policy that enrols new instances, verifies after 1 day, backs up at 02:00-04:00 UTC only
                Schedule schedule = new Schedule(null, LocalTime.of(2, 0), 1, new BackupWindow(LocalTime.of(2, 0), LocalTime.of(4, 0)),
                        ZoneOffset.UTC);
                long policy = AsAdmin.call(() -> plugin.policies().create(new Policy(0, "auto", schedule,
                        new RetentionRules(5, 0, 0, 0, 0, 0, null, ZoneOffset.UTC), 6, storage, false, 2, false, true, 1)));
                try (TestVm late = TestVm.create(8L << 20).writePattern(0x52, 0, 1 << 20)) {
                    inventory.discoverAll();
                    PolicyScheduler.TickReport report = scheduler.tickAt(now);
                    assertThat(report.enrolled()).isEqualTo(1);
                    long lateId = id(inventory, late.name());
                    long earlyId = id(inventory, early.name());
                    assertThat(sql.sql("SELECT policy_id FROM backup_policy_instance WHERE instance_id = ?").param(lateId).query(Long.class).single())
                            .isEqualTo(policy);
                    assertThat(sql.sql("SELECT COUNT(*) FROM backup_policy_instance WHERE instance_id = ?").param(earlyId).query(Long.class).single())
                            .as("seen before the policy existed: not new").isZero();

                    // the next 02:00 UTC slot: queued. Then nobody ticks until 05:00 the day after: the 03:00 and 02:00 slots
                    // in between are missed (no scheduler ran), and so is that day's 03:00 (its window closed at 04:00)
                    Instant day = now.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                    assertThat(scheduler.tickAt(day.plus(Duration.ofMinutes(120).plusSeconds(20))).queued()).isEqualTo(1);
                    JobTables.awaitNoActiveJobs(sql, 120);
                    assertThat(sql.sql("SELECT state FROM backup_job WHERE instance_id = ? AND kind = 'BACKUP' ORDER BY id DESC LIMIT 1")
                            .param(lateId).query(String.class).single()).isEqualTo("SUCCEEDED");
                    PolicyScheduler.TickReport late5 = scheduler.tickAt(day.plus(Duration.ofHours(29)));
                    assertThat(late5.missed()).isEqualTo(3);
                    // and the snapshot, by then more than a day old and never verified, is verified
                    assertThat(late5.verifies()).isEqualTo(1);
                    JobTables.awaitNoActiveJobs(sql, 120);
                    assertThat(sql.sql("SELECT error FROM backup_job WHERE instance_id = ? AND state = 'MISSED' ORDER BY id DESC LIMIT 1")
                            .param(lateId).query(String.class).single()).contains("backup window closed");

                    // a week after the first tick that saw backups in the storage: its gc
                    assertThat(scheduler.tickAt(day.plus(Duration.ofDays(2)).plus(Duration.ofHours(12))).gcs()).isZero();
                    PolicyScheduler.TickReport week = scheduler.tickAt(day.plus(Duration.ofDays(9)).plus(Duration.ofHours(12)));
                    assertThat(week.gcs()).isEqualTo(1);
                    JobTables.awaitNoActiveJobs(sql, 120);
                    assertThat(sql.sql("SELECT state FROM backup_job WHERE kind = 'VERIFY'").query(String.class).list()).isNotEmpty()
                            .containsOnly("SUCCEEDED");
                    assertThat(sql.sql("SELECT verify_state FROM backup_snapshot WHERE instance_id = ?").param(lateId).query(String.class).list())
                            .containsOnly("OK");
                    assertThat(sql.sql("SELECT state FROM backup_job WHERE kind = 'GC'").query(String.class).list()).containsExactly("SUCCEEDED");
                    long gcJob = sql.sql("SELECT id FROM backup_job WHERE kind = 'GC'").query(Long.class).single();

                    // a scheduled backup whose node was killed mid-backup (its row still running, no heartbeat): a live
                    // node fails it, cleans up, and queues it again — the slot still has one job, and it succeeds
                    Instant slot = day.plus(Duration.ofDays(20)).plus(Duration.ofHours(2));
                    sql.sql("INSERT INTO backup_job (kind, state, instance_id, hypervisor_id, storage_id, params, requested_by, node, "
                                    + "started_at, heartbeat_at, policy_id, slot_at, deadline) VALUES ('BACKUP', 'RUNNING', ?, ?, ?, "
                                    + "'{\"fullRead\":false,\"allDisks\":false}', 'scheduler', 'node-killed', NOW(6) - INTERVAL 1 MINUTE, "
                                    + "NOW(6) - INTERVAL 1 MINUTE, ?, ?, NOW(6) + INTERVAL 1 HOUR)")
                            .params(lateId, local, storage, policy, Timestamp.from(slot)).update();
                    long orphan = sql.sql("SELECT id FROM backup_job WHERE slot_at = ? AND instance_id = ?").params(Timestamp.from(slot), lateId)
                            .query(Long.class).single();
                    long until = System.nanoTime() + 60_000_000_000L;
                    while (!"SUCCEEDED".equals(sql.sql("SELECT state FROM backup_job WHERE id = ?").param(orphan).query(String.class).single())
                            && System.nanoTime() < until) {
                        Thread.sleep(250);
                    }
                    assertThat(sql.sql("SELECT state FROM backup_job WHERE id = ?").param(orphan).query(String.class).single()).isEqualTo("SUCCEEDED");
                    assertThat(sql.sql("SELECT COUNT(*) FROM backup_job WHERE slot_at = ? AND instance_id = ?").params(Timestamp.from(slot), lateId)
                            .query(Long.class).single()).isEqualTo(1);
                    assertThat(sql.sql("SELECT message FROM backup_task_log WHERE job_id = ? ORDER BY id").param(orphan).query(String.class).list())
                            .anyMatch(m -> m.contains("node-killed") && m.contains("stopped answering"))
                            .anyMatch(m -> m.startsWith("Queued again for its slot"))
                            .anyMatch(m -> m.startsWith("Succeeded in"));
                    assertThat(sql.sql("SELECT message FROM backup_task_log WHERE job_id = ? ORDER BY id").param(gcJob).query(String.class).list())
                            .anyMatch(m -> m.startsWith("Queued by the gc schedule"))
                            .anyMatch(m -> m.startsWith("Removed ") && m.contains("unused chunk"));
                }
            }
        }
    }

    private static long id(InventoryService inventory, String name) {
        return AsAdmin.call(inventory::visibleInstances).stream().filter(i -> i.getName().equals(name)).findFirst()
                .map(Instance::getId).orElseThrow();
    }
}
