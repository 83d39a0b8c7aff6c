package io.holdfast.it;

import com.zaxxer.hikari.HikariDataSource;
import io.holdfast.backup.BackupPluginFactory;
import io.holdfast.backup.job.BackupService;
import io.holdfast.backup.job.Job;
import io.holdfast.backup.job.JobState;
import io.holdfast.backup.job.TaskLine;
import io.holdfast.backup.storage.StorageForm;
import io.holdfast.backup.storage.StorageSecrets;
import io.holdfast.backup.storage.StorageSettings;
import io.holdfast.bridge.testing.TestVm;
import io.holdfast.host.inventory.Hypervisor;
import io.holdfast.host.inventory.Instance;
import io.holdfast.host.inventory.InventoryService;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two job runners — two application contexts, each its own node, on one MariaDB — work one queue of 48
 * backups over 12 real VMs. From the task logs' timestamps (the database's clock): every job ran exactly
 * once and succeeded, both nodes worked, two jobs of one instance never overlapped and ran in the order they
 * were queued, and no more jobs ran at once than the storage allows (3; the hypervisor allows 4). Each node has 2
 * workers, fewer than the cap: a runner that ends a job claims the next at once, while the other polls each
 * second, so a node able to fill the cap alone could run every job (seen once) and the test could not show both.
 */
class JobQueueIT {

    private static final int VMS = 12;
    private static final int ROUNDS = 4;
    private static final int STORAGE_CAP = 3;
    private static final Pattern STARTED = Pattern.compile("^Job (\\d+) \\(backup\\) started on node (\\S+),");

    @Test
    void twoRunnersWorkOneQueueExactlyOnceWithinTheCaps() throws Exception {
        List<TestVm> vms = new ArrayList<>();
        try {
            for (int i = 0; i < VMS; i++) {
                vms.add(TestVm.create(8L << 20).writePattern(0x10 + i, 0, 2 << 20));
            }
            Path dataA = RunningHost.newDataDir();
            Path datastore = Files.createTempDirectory(Files.createDirectories(Path.of("target", "queue")), "ds-").toAbsolutePath();
            try (RunningHost a = RunningHost.start(dataA, "--holdfast.initial-admin-password=" + RunningHost.ADMIN_PASSWORD,
                    "--holdfast.plugins.backup.node-name=node-a", "--holdfast.plugins.backup.jobs-per-hypervisor=4",
                    "--holdfast.plugins.backup.workers=2",
                    "--holdfast.plugins.backup.heartbeat-seconds=1")) {
                try (RunningHost b = RunningHost.start(RunningHost.newDataDir(), RunningHost.concat(a.joinArguments(dataA),
                        "--spring.datasource.password=" + RunningHost.databasePassword(dataA), "--holdfast.plugins.backup.node-name=node-b", "--holdfast.plugins.backup.jobs-per-hypervisor=4",
                        "--holdfast.plugins.backup.workers=2",
                        "--holdfast.plugins.backup.heartbeat-seconds=1"))) {
                    BackupPluginFactory pluginA = a.backupPlugin();
                    BackupPluginFactory pluginB = b.backupPlugin();
                    InventoryService inventory = a.bean(InventoryService.class);
                    long local = inventory.allHypervisors().stream().filter(h -> h.getName().equals("local")).findFirst()
                            .map(Hypervisor::getId).orElseThrow();
                    long storage = AsAdmin.call(() -> pluginA.storages().create(new StorageForm("queue-local", true,
                            StorageSettings.local(datastore.toString()), StorageSecrets.NONE, null, STORAGE_CAP, false))).id();
                    AsAdmin.call(() -> {
                        pluginA.storages().assign(local, List.of(storage), storage);
                        return null;
                    });
                    Set<String> names = new HashSet<>(vms.stream().map(TestVm::name).toList());
                    List<Instance> instances = AsAdmin.call(inventory::visibleInstances).stream()
                            .filter(i -> names.contains(i.getName())).toList();
                    assertThat(instances).hasSize(VMS);

                    List<Long> queued = new ArrayList<>();
                    for (int round = 0; round < ROUNDS; round++) {
                        for (int i = 0; i < VMS; i++) {
                            BackupService service = (i + round) % 2 == 0 ? pluginA.backups() : pluginB.backups();
                            long instance = instances.get(i).getId();
                            boolean full = round == 0;
                            queued.add(AsAdmin.call(() -> service.backupNow(instance, full, false)));
                        }
                    }

                    List<Job> jobs = awaitAllFinished(pluginA.backups(), queued);
                    assertThat(jobs).as("every job succeeded: %s", jobs.stream().filter(j -> j.state() != JobState.SUCCEEDED)
                            .map(j -> j.id() + " " + j.state() + " " + j.error()).toList())
                            .allMatch(j -> j.state() == JobState.SUCCEEDED);
                    checkFromTaskLogs(pluginA.backups(), jobs);

                    // a job whose node went silent (here: a node that never beats) is failed by a live node, with the reason
                    long orphan = orphanRunningJob(a.bean(HikariDataSource.class), instances.getFirst().getId(), local, storage);
                    Job failed = awaitFinished(pluginA.backups(), orphan);
                    assertThat(failed.state()).isEqualTo(JobState.FAILED);
                    assertThat(failed.error()).contains("node-gone").contains("stopped answering");
                    // the job is failed first, then the bridge cleans up: wait for the task log to say so
                    long deadline = System.nanoTime() + 60_000_000_000L;
                    List<String> lines;
                    do {
                        Thread.sleep(250);
                        lines = AsAdmin.call(() -> pluginA.backups().taskLog(orphan)).stream().map(TaskLine::message).toList();
                    } while (lines.stream().noneMatch(m -> m.startsWith("Cleanup after the dead runner")) && System.nanoTime() < deadline);
                    assertThat(lines).anyMatch(m -> m.startsWith("Cleanup after the dead runner finished"));
                }
            }
        } finally {
            vms.forEach(TestVm::close);
        }
    }

    private static void checkFromTaskLogs(BackupService backups, List<Job> jobs) {
        record Span(long job, long instance, Instant start, Instant end, String node) {
        }
        List<Span> spans = new ArrayList<>();
        for (Job job : jobs) {
            List<TaskLine> log = AsAdmin.call(() -> backups.taskLog(job.id()));
            List<Matcher> starts = log.stream().map(l -> STARTED.matcher(l.message())).filter(Matcher::find).toList();
            assertThat(starts).as("job %d started exactly once", job.id()).hasSize(1);
            assertThat(Long.parseLong(starts.getFirst().group(1))).isEqualTo(job.id());
            spans.add(new Span(job.id(), job.instanceId(), log.getFirst().at(), log.getLast().at(), starts.getFirst().group(2)));
        }
        assertThat(spans.stream().map(Span::node).distinct().sorted().toList()).as("both nodes ran jobs").containsExactly("node-a", "node-b");

        Map<Long, List<Span>> byInstance = new HashMap<>();
        spans.forEach(s -> byInstance.computeIfAbsent(s.instance(), k -> new ArrayList<>()).add(s));
        for (List<Span> ofInstance : byInstance.values()) {
            ofInstance.sort(Comparator.comparing(Span::job));
            for (int i = 1; i < ofInstance.size(); i++) {
                Span before = ofInstance.get(i - 1);
                Span after = ofInstance.get(i);
                assertThat(after.start()).as("job %d starts after job %d of the same instance ended", after.job(), before.job())
                        .isAfterOrEqualTo(before.end());
            }
        }

        List<Object[]> events = new ArrayList<>();
        for (Span s : spans) {
            events.add(new Object[]{s.start(), 1});
            events.add(new Object[]{s.end(), -1});
        }
        // at equal times an end comes first: a job that ended frees its slot for one that starts then
        events.sort(Comparator.comparing((Object[] e) -> (Instant) e[0]).thenComparing(e -> (Integer) e[1]));
        int running = 0;
        int most = 0;
        for (Object[] e : events) {
            running += (Integer) e[1];
            most = Math.max(most, running);
        }
        assertThat(most).as("jobs at once never exceed the storage's cap").isLessThanOrEqualTo(STORAGE_CAP);
        assertThat(most).as("the two runners did run jobs side by side").isEqualTo(STORAGE_CAP);
    }

    private static List<Job> awaitAllFinished(BackupService backups, List<Long> ids) throws InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (true) {
            List<Job> jobs = AsAdmin.call(backups::allJobs).stream().filter(j -> ids.contains(j.id())).toList();
            if (jobs.size() == ids.size() && jobs.stream().allMatch(j -> j.state().finished())) {
                return jobs;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("jobs still unfinished after 10 minutes: " + jobs.stream()
                        .filter(j -> !j.state().finished()).map(j -> j.id() + " " + j.state()).toList());
            }
            Thread.sleep(500);
        }
    }

    /** A running job of a node that last beat an hour ago, as a crashed node leaves it. */
    private static long orphanRunningJob(HikariDataSource db, long instance, long hypervisor, long storage) throws Exception {
        try (java.sql.Connection c = db.getConnection(); java.sql.PreparedStatement p = c.prepareStatement(
                "INSERT INTO backup_job (kind, state, instance_id, hypervisor_id, storage_id, params, requested_by, started_at, node, heartbeat_at) "
                        + "VALUES ('BACKUP', 'RUNNING', ?, ?, ?, '{\"fullRead\":false,\"allDisks\":false}', 'admin', NOW(6) - INTERVAL 1 HOUR, "
                        + "'node-gone', NOW(6) - INTERVAL 1 HOUR)", java.sql.Statement.RETURN_GENERATED_KEYS)) {
            p.setLong(1, instance);
            p.setLong(2, hypervisor);
            p.setLong(3, storage);
            p.executeUpdate();
            try (java.sql.ResultSet keys = p.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static Job awaitFinished(BackupService backups, long id) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            Job job = AsAdmin.call(() -> backups.job(id));
            if (job.state().finished()) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + id + " still " + job.state() + " after 60 s");
            }
            Thread.sleep(250);
        }
    }

}
