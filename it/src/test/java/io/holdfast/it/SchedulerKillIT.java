package io.holdfast.it;

import com.zaxxer.hikari.HikariDataSource;
import io.holdfast.backup.BackupPluginFactory;
import io.holdfast.backup.policy.Policy;
import io.holdfast.backup.policy.PolicyScheduler;
import io.holdfast.bridge.testing.TestVm;
import io.holdfast.host.inventory.Instance;
import io.holdfast.host.inventory.InventoryService;
import io.holdfast.policy.retention.RetentionRules;
import io.holdfast.policy.schedule.BackupWindow;
import io.holdfast.policy.schedule.Schedule;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node killed in the middle of a scheduler tick. Node c (the shipped product in its own process, ticking
 * every second on the database's clock) is the only node ticking when three instances' hourly slot comes
 * due. The test holds, in an open transaction, the job row of the second instance's slot, so c's tick queues
 * the first instance and then waits inside the tick, holding the cluster-wide lock — and is killed there with
 * SIGKILL. Node a (in this JVM, its own ticks off) finds the dead node's lock held until it expires, then
 * ticks: it queues the instances c did not reach and not the first again; every backup runs and succeeds.
 * The held row is only a way to stop c at a known point of its tick; it is rolled back unused.
 */
class SchedulerKillIT {

    private static final int VMS = 3;

    @Test
    void aNodeKilledInsideATickLosesNoSlotAndDoublesNone() throws Exception {
        List<TestVm> vms = new ArrayList<>();
        try {
            for (int i = 0; i < VMS; i++) {
                vms.add(TestVm.create(8L << 20).writePattern(0x40 + i, 0, 1 << 20));
            }
            Path dataA = RunningHost.newDataDir();
            Path datastore = Files.createTempDirectory(Files.createDirectories(Path.of("target", "scheduler-kill")), "ds-").toAbsolutePath();
            String[] common = {"--holdfast.plugins.backup.heartbeat-seconds=1", "--holdfast.plugins.backup.stale-after-seconds=6",
                    "--holdfast.plugins.backup.scheduler-lock-at-least-seconds=0", "--holdfast.plugins.backup.scheduler-lock-at-most-seconds=8"};
            try (RunningHost a = RunningHost.start(dataA, RunningHost.concat(common, "--holdfast.initial-admin-password=" + RunningHost.ADMIN_PASSWORD,
                    "--holdfast.plugins.backup.scheduler-enabled=false", "--holdfast.plugins.backup.node-name=kill-a"))) {
                HikariDataSource db = a.bean(HikariDataSource.class);
                JdbcClient sql = JdbcClient.create(db);
                String password = RunningHost.databasePassword(dataA);
                BackupPluginFactory pluginA = a.backupPlugin();
                InventoryService inventory = a.bean(InventoryService.class);
                long storage = a.localStorageForLocalHypervisor("kill-local", datastore, 3);
                Schedule hourly = new Schedule(null, LocalTime.MIDNIGHT, 1, BackupWindow.ALL_DAY, ZoneOffset.UTC);
                long policy = AsAdmin.call(() -> pluginA.policies().create(new Policy(0, "hourly-kill", hourly,
                        new RetentionRules(5, 0, 0, 0, 0, 0, null, ZoneOffset.UTC), 4, storage, false, 2, false, false, null)));

                ShippedHost c = ShippedHost.start(Map.of("SPRING_DATASOURCE_PASSWORD", password), RunningHost.concat(
                        RunningHost.concat(common, a.joinArguments(dataA)),
                        "--holdfast.plugins.backup.scheduler-tick-seconds=1", "--holdfast.plugins.backup.node-name=kill-c"));
                try (Connection holder = db.getConnection()) {
                    Set<String> names = new HashSet<>(vms.stream().map(TestVm::name).toList());
                    List<Instance> instances = AsAdmin.call(inventory::visibleInstances).stream().filter(i -> names.contains(i.getName())).toList();
                    for (Instance i : instances) {
                        AsAdmin.call(() -> {
                            pluginA.policies().attach(i.getId(), policy);
                            return null;
                        });
                    }
                    // the tick walks the attachments in this order; the second one's slot is where c will wait
                    List<Long> order = sql.sql("SELECT instance_id FROM backup_policy_instance WHERE policy_id = ?").param(policy)
                            .query(Long.class).list();
                    assertThat(order).hasSize(VMS);
                    Instant now = sql.sql("SELECT NOW(6)").query(Timestamp.class).single().toInstant();
                    Instant slot = now.truncatedTo(ChronoUnit.HOURS);
                    Instance second = instances.stream().filter(i -> i.getId() == order.get(1)).findFirst().orElseThrow();
                    holder.setAutoCommit(false);
                    try (PreparedStatement hold = holder.prepareStatement("INSERT INTO backup_job (kind, state, instance_id, params, "
                            + "requested_by, policy_id, slot_at) VALUES ('BACKUP', 'PENDING', ?, '{}', 'test: held', ?, ?)")) {
                        hold.setLong(1, second.getId());
                        hold.setLong(2, policy);
                        hold.setTimestamp(3, Timestamp.from(slot));
                        hold.executeUpdate();
                    }
                    // attached just before this hour's slot: on c's next tick that slot is due for all three
                    sql.sql("UPDATE backup_policy_instance SET attached_at = ? WHERE policy_id = ?")
                            .params(Timestamp.from(slot.minus(Duration.ofMinutes(1))), policy).update();

                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (!(queued(sql, order.getFirst(), slot) == 1 && waitingInserts(sql) > 0)) {
                        assertThat(System.nanoTime()).as("node c queued the first instance and waits inside its tick: jobs %s, "
                                + "statements %s", sql.sql("SELECT id, instance_id, state, slot_at FROM backup_job").query().listOfRows(),
                                sql.sql("SELECT ID, STATE, INFO FROM information_schema.PROCESSLIST WHERE INFO LIKE 'INSERT%'")
                                        .query().listOfRows()).isLessThan(deadline);
                        Thread.sleep(50);
                    }
                    c.kill(); // no shutdown hook: as a crash, in the middle of the tick, holding the scheduler's lock
                    Instant killedAt = sql.sql("SELECT NOW(6)").query(Timestamp.class).single().toInstant();
                    holder.rollback();

                    PolicyScheduler.TickReport first = pluginA.scheduler().tickAt(pluginA.scheduler().now());
                    assertThat(first.ran()).as("the dead node's lock still holds").isFalse();
                    PolicyScheduler.TickReport report = first;
                    long queuedByDeadNode = 0;
                    long lockDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (!report.ran()) {
                        assertThat(System.nanoTime()).as("the lock expires (at most 8 s)").isLessThan(lockDeadline);
                        Thread.sleep(500);
                        queuedByDeadNode = queued(sql, second.getId(), slot);
                        report = pluginA.scheduler().tickAt(pluginA.scheduler().now());
                    }
                    // c's last statement, its INSERT for the second instance, was in MariaDB when c died: the server
                    // does not read a socket while a statement waits for a lock, so once the held row is rolled back
                    // that INSERT may still commit for the dead client (within milliseconds; counted above, before
                    // a's tick). Either way the slot has one row: a's tick queues exactly the instances with none.
                    assertThat(report.queued()).as("node a queues the instances c did not reach: %s", report)
                            .isEqualTo(VMS - 1 - (int) queuedByDeadNode);
                    JobTables.awaitNoActiveJobs(sql, 180);

                    for (long instance : order) {
                        List<Map<String, Object>> rows = sql.sql("SELECT state, created_at FROM backup_job WHERE instance_id = ? AND slot_at = ?")
                                .params(instance, Timestamp.from(slot)).query().listOfRows();
                        assertThat(rows).as("one job for the slot of instance %d", instance).hasSize(1);
                        assertThat(rows.getFirst().get("state")).isEqualTo("SUCCEEDED");
                        if (instance == order.getFirst()) {
                            Instant created = ((Timestamp) rows.getFirst().get("created_at")).toInstant();
                            assertThat(created).as("queued by c before it died").isBefore(killedAt);
                        }
                    }
                } finally {
                    c.close();
                }
            }
        } finally {
            vms.forEach(TestVm::close);
        }
    }

    private static long queued(JdbcClient sql, long instance, Instant slot) {
        return sql.sql("SELECT COUNT(*) FROM backup_job WHERE instance_id = ? AND slot_at = ?").params(instance, Timestamp.from(slot))
                .query(Long.class).single();
    }

    /** Statements inserting a job that are in MariaDB now: c's, waiting for the held row's lock. */
    private static long waitingInserts(JdbcClient sql) {
        return sql.sql("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'INSERT INTO backup_job%'")
                .query(Long.class).single();
    }
}
