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
import io.holdfast.policy.schedule.Slot;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler on two application nodes sharing one MariaDB, a dozen real VMs attached to one policy
 * (incrementals every hour, a full read at midnight, keep the last 3 plus 2 daily): both nodes tick at the
 * same test-clock minutes (20 minutes of test time per real second, 36 ticks = 12 hours), through ShedLock
 * on the database's clock. Midway one node's lock is left held as by a node that died mid-tick (the other
 * goes on once it expires), and later that node is stopped while its jobs run. A third node, the shipped
 * product in a process of its own (its job runner only), is killed with SIGKILL in the middle of a backup: the
 * others fail that job within seconds, clean up what it left, and run it again in its slot. Every slot of every
 * instance ends as exactly one job row (queued, skipped because the instance was busy, or missed), none
 * failed; jobs of one instance never overlap; retention deleted what the rules remove, through jobs; a kept
 * snapshot restores bit-exactly.
 */
class SchedulerIT {

    private static final int VMS = 12;
    private static final int TICKS = 36;
    private static final Duration STEP = Duration.ofMinutes(20);

    @Test
    void twoNodesQueueEverySlotOnceAndRetentionPrunes() throws Exception {
        List<TestVm> vms = new ArrayList<>();
        try {
            for (int i = 0; i < VMS; i++) {
                vms.add(TestVm.create(8L << 20).writePattern(0x30 + i, 0, 2 << 20));
            }
            String before = vms.getFirst().sha256();
            Path dataA = RunningHost.newDataDir();
            Path datastore = Files.createTempDirectory(Files.createDirectories(Path.of("target", "scheduler")), "ds-").toAbsolutePath();
            String[] common = {"--holdfast.plugins.backup.jobs-per-hypervisor=4", "--holdfast.plugins.backup.heartbeat-seconds=1",
                    "--holdfast.plugins.backup.stale-after-seconds=6",
                    "--holdfast.plugins.backup.scheduler-enabled=false", "--holdfast.plugins.backup.scheduler-lock-at-least-seconds=0",
                    "--holdfast.plugins.backup.scheduler-lock-at-most-seconds=2"};
            try (RunningHost a = RunningHost.start(dataA, RunningHost.concat(common, "--holdfast.initial-admin-password=" + RunningHost.ADMIN_PASSWORD,
                    "--holdfast.plugins.backup.node-name=sched-a", "--holdfast.plugins.backup.workers=2"))) {
                HikariDataSource db = a.bean(HikariDataSource.class);
                String password = RunningHost.databasePassword(dataA);
                String[] joining = RunningHost.concat(common, a.joinArguments(dataA));
                RunningHost b = RunningHost.start(RunningHost.newDataDir(), RunningHost.concat(joining, "--spring.datasource.password=" + password,
                        "--holdfast.plugins.backup.node-name=sched-b", "--holdfast.plugins.backup.workers=1"));
                boolean bRunning = true;
                // node c: the shipped product in its own process, running jobs only; the database password in its environment.
                // a (2 workers) and b (1) hold fewer jobs than the cap (4): a runner that ends a job claims the next at
                // once, so with a and b able to fill the cap, c (polling every second) once ran no job after tick 6
                ShippedHost c = ShippedHost.start(Map.of("SPRING_DATASOURCE_PASSWORD", password), RunningHost.concat(joining,
                        "--holdfast.plugins.backup.node-name=sched-c"));
                // from the 6th tick on, node c is killed with SIGKILL the moment it is seen running a backup
                java.util.concurrent.atomic.AtomicLong killedJob = new java.util.concurrent.atomic.AtomicLong();
                java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean(false);
                Thread killer = Thread.ofVirtual().start(() -> {
                    JdbcClient watch = JdbcClient.create(db);
                    while (killedJob.get() == 0 && !Thread.currentThread().isInterrupted()) {
                        if (watching.get()) {
                            List<Long> onC = watch.sql("SELECT id FROM backup_job WHERE node = 'sched-c' AND state = 'RUNNING' "
                                    + "AND kind = 'BACKUP'").query(Long.class).list();
                            if (!onC.isEmpty()) {
                                c.kill(); // no shutdown hook, no cleanup: as a crash or the OOM killer
                                killedJob.set(onC.getFirst());
                                return;
                            }
                        }
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                try {
                    BackupPluginFactory pluginA = a.backupPlugin();
                    BackupPluginFactory pluginB = b.backupPlugin();
                    InventoryService inventory = a.bean(InventoryService.class);
                    long storage = a.localStorageForLocalHypervisor("sched-local", datastore, 3);
                    Schedule schedule = new Schedule(null, LocalTime.MIDNIGHT, 1, BackupWindow.ALL_DAY, ZoneOffset.UTC);
                    Policy form = new Policy(0, "hourly", schedule, new RetentionRules(3, 0, 2, 0, 0, 0, null, ZoneOffset.UTC), 4, storage,
                            false, 6, false, false, null);
                    long policy = AsAdmin.call(() -> pluginA.policies().create(form));
                    Set<String> names = new HashSet<>(vms.stream().map(TestVm::name).toList());
                    List<Instance> instances = AsAdmin.call(inventory::visibleInstances).stream().filter(i -> names.contains(i.getName())).toList();
                    assertThat(instances).hasSize(VMS);
                    for (Instance i : instances) {
                        AsAdmin.call(() -> {
                            pluginA.policies().attach(i.getId(), policy);
                            return null;
                        });
                    }

                    JdbcClient sql = JdbcClient.create(db);
                    Instant start = sql.sql("SELECT NOW(6)").query(Timestamp.class).single().toInstant().truncatedTo(ChronoUnit.HOURS)
                            .plus(Duration.ofHours(1)).plusSeconds(30);
                    Instant now = start;
                    int ranOnA = 0;
                    int ranOnB = 0;
                    for (int k = 0; k < TICKS; k++) {
                        now = start.plus(STEP.multipliedBy(k));
                        if (k == 12) {
                            // node b "dies" holding the lock: node a's ticks find it held until it expires (2 s)
                            sql.sql("UPDATE backup_shedlock SET lock_until = NOW(3) + INTERVAL 2 SECOND, locked_by = 'sched-b (dead)' "
                                    + "WHERE name = ?").param(PolicyScheduler.LOCK).update();
                        }
                        if (k == 6) {
                            watching.set(true);
                        }
                        if (k == 24) {
                            b.close(); // node b stops while its jobs run; node a goes on alone
                            bRunning = false;
                        }

                        Instant tickTime = now;
                        CompletableFuture<PolicyScheduler.TickReport> onA = CompletableFuture.supplyAsync(() -> pluginA.scheduler().tickAt(tickTime));
                        CompletableFuture<PolicyScheduler.TickReport> onB = bRunning
                                ? CompletableFuture.supplyAsync(() -> pluginB.scheduler().tickAt(tickTime))
                                : CompletableFuture.completedFuture(null);
                        ranOnA += onA.get().ran() ? 1 : 0;
                        ranOnB += onB.get() != null && onB.get().ran() ? 1 : 0;
                        Thread.sleep(1000);
                    }
                    killer.interrupt();
                    assertThat(killedJob.get()).as("node c ran a backup and was killed in the middle of it").isPositive();
                    assertThat(ranOnA).as("node a ticked").isPositive();
                    assertThat(ranOnB).as("node b ticked").isPositive();
                    JobTables.awaitNoActiveJobs(sql, 300);

                    // the killed node's backup: failed for its dead runner, cleaned up, queued again in its slot and run
                    long killed = killedJob.get();
                    assertThat(sql.sql("SELECT state FROM backup_job WHERE id = ?").param(killed).query(String.class).single())
                            .isEqualTo("SUCCEEDED");
                    String killedLog = String.join("\n", sql.sql("SELECT message FROM backup_task_log WHERE job_id = ? ORDER BY id")
                            .param(killed).query(String.class).list());
                    assertThat(killedLog).contains("The node running this job (sched-c) stopped answering")
                            .contains("Cleanup after the dead runner finished").contains("Succeeded in");
                    // the VMs are shut off, so backups read them through qemu-nbd: none is left serving their disks
                    assertThat(ProcessHandle.allProcesses().map(ph -> ph.info().commandLine().orElse(""))
                            .filter(cmd -> cmd.contains("qemu-nbd") && vms.stream().anyMatch(vm -> cmd.contains(vm.disk().toString()))))
                            .isEmpty();

                    // every slot of every instance is exactly one job row
                    List<Map<String, Object>> doubled = sql.sql("SELECT instance_id, slot_at, COUNT(*) n FROM backup_job WHERE slot_at IS NOT NULL "
                            + "GROUP BY instance_id, slot_at HAVING COUNT(*) > 1").query().listOfRows();
                    assertThat(doubled).as("no slot queued twice").isEmpty();
                    Instant last = now;
                    for (Instance i : instances) {
                        Instant attached = sql.sql("SELECT attached_at FROM backup_policy_instance WHERE instance_id = ?").param(i.getId())
                                .query(Timestamp.class).single().toInstant();
                        List<Instant> expected = schedule.between(attached, last).stream().map(Slot::at).toList();
                        List<Instant> rows = sql.sql("SELECT slot_at FROM backup_job WHERE instance_id = ? AND slot_at IS NOT NULL ORDER BY slot_at")
                                .param(i.getId()).query(Timestamp.class).list().stream().map(Timestamp::toInstant).toList();
                        assertThat(rows).as("slots of %s", i.getName()).containsExactlyElementsOf(expected);
                    }
                    List<String> states = sql.sql("SELECT DISTINCT state FROM backup_job WHERE kind = 'BACKUP'").query(String.class).list();
                    assertThat(states).contains("SUCCEEDED").doesNotContain("FAILED", "PENDING", "RUNNING");
                    long succeeded = sql.sql("SELECT COUNT(*) FROM backup_job WHERE kind = 'BACKUP' AND state = 'SUCCEEDED'").query(Long.class).single();
                    assertThat(succeeded).as("most slots became backups").isGreaterThan(VMS * 6L);

                    // jobs of one instance never overlap (the database's timestamps)
                    for (Instance i : instances) {
                        List<Instant[]> spans = sql.sql("SELECT started_at, finished_at FROM backup_job WHERE (instance_id = ? OR target_instance_id = ?) "
                                        + "AND kind IN ('BACKUP', 'RESTORE') AND started_at IS NOT NULL ORDER BY started_at").params(i.getId(), i.getId())
                                .query((rs, n) -> new Instant[]{rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()}).list();
                        for (int s = 1; s < spans.size(); s++) {
                            assertThat(spans.get(s)[0]).as("job %d of %s starts after the one before ended", s, i.getName())
                                    .isAfterOrEqualTo(spans.get(s - 1)[1]);
                        }
                    }

                    // retention ran after backups, through delete jobs, and left what the rules keep
                    long deletes = sql.sql("SELECT COUNT(*) FROM backup_job WHERE kind = 'DELETE' AND requested_by = 'retention' AND state = 'SUCCEEDED'")
                            .query(Long.class).single();
                    assertThat(deletes).isPositive();
                    for (Instance i : instances) {
                        long left = sql.sql("SELECT COUNT(*) FROM backup_snapshot WHERE instance_id = ?").param(i.getId()).query(Long.class).single();
                        assertThat(left).as("%s keeps the last 3 and the newest of 2 days", i.getName()).isBetween(1L, 5L);
                    }

                    // a kept snapshot (the oldest left) restores bit-exactly
                    long first = instances.stream().filter(i -> i.getName().equals(vms.getFirst().name())).findFirst().orElseThrow().getId();
                    long oldest = sql.sql("SELECT id FROM backup_snapshot WHERE instance_id = ? ORDER BY created_at LIMIT 1").param(first)
                            .query(Long.class).single();
                    vms.getFirst().writePattern(0x77, 0, 1 << 20);
                    long restore = AsAdmin.call(() -> pluginA.backups().restoreInPlace(oldest, false));
                    JobTables.awaitNoActiveJobs(sql, 300);
                    assertThat(sql.sql("SELECT state FROM backup_job WHERE id = ?").param(restore).query(String.class).single()).isEqualTo("SUCCEEDED");
                    assertThat(vms.getFirst().sha256()).isEqualTo(before);
                } finally {
                    if (bRunning) {
                        b.close();
                    }
                    killer.interrupt();
                    c.close();
                }
            }
        } finally {
            vms.forEach(TestVm::close);
        }
    }
}
