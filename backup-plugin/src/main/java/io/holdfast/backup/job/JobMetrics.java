package io.holdfast.backup.job;

import io.holdfast.bridge.remote.RemoteCounters;
import io.holdfast.plugin.api.metrics.MetricSample;
import io.holdfast.plugin.api.metrics.MetricSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The backup plugin's metrics on the host's Prometheus endpoint (names in {@code docs/operations.md}). What
 * this node did — jobs finished by kind and result, their durations, bytes read and stored, remote errors and
 * retries — counts in memory, as Prometheus expects of a counter (scrape every node, sum). What the cluster
 * is — the queue, the running jobs, each instance's last successful backup — is read from the tables at each
 * scrape, so any node answers alike.
 */
final class JobMetrics implements MetricSource {

    private record Key(JobKind kind, JobState state) {
    }

    private final JdbcClient jdbc;
    private final Map<Key, AtomicLong> finished = new ConcurrentHashMap<>();
    private final Map<JobKind, DoubleAdder> seconds = new ConcurrentHashMap<>();
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong bytesStored = new AtomicLong();

    JobMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void finished(JobKind kind, JobState state, Duration took) {
        finished.computeIfAbsent(new Key(kind, state), k -> new AtomicLong()).incrementAndGet();
        seconds.computeIfAbsent(kind, k -> new DoubleAdder()).add(took.toNanos() / 1e9);
    }

    void backedUp(long read, long stored) {
        bytesRead.addAndGet(read);
        bytesStored.addAndGet(stored);
    }

    @Override
    public List<MetricSample> collect() {
        List<MetricSample> samples = new ArrayList<>();
        finished.forEach((key, n) -> samples.add(MetricSample.counter("holdfast_backup_jobs_total",
                "jobs this node finished, by kind and result", Map.of("kind", name(key.kind()), "result", name(key.state())), n.get())));
        seconds.forEach((kind, sum) -> samples.add(MetricSample.counter("holdfast_backup_job_duration_seconds_total",
                "seconds this node's finished jobs ran, by kind (over holdfast_backup_jobs_total: the mean duration)",
                Map.of("kind", name(kind)), sum.sum())));
        samples.add(MetricSample.counter("holdfast_backup_read_bytes_total", "bytes backups on this node read from disks", Map.of(),
                bytesRead.get()));
        samples.add(MetricSample.counter("holdfast_backup_stored_bytes_total",
                "new bytes backups on this node stored (after deduplication and compression)", Map.of(), bytesStored.get()));
        samples.add(MetricSample.counter("holdfast_backup_remote_errors_total",
                "storage calls made in this node's process that failed (each try)", Map.of(), RemoteCounters.failures()));
        samples.add(MetricSample.counter("holdfast_backup_remote_retries_total",
                "storage calls made in this node's process tried again after a transient failure", Map.of(), RemoteCounters.retries()));
        Map<String, Long> active = new java.util.HashMap<>(Map.of("PENDING", 0L, "RUNNING", 0L));
        jdbc.sql("SELECT state, COUNT(*) AS n FROM backup_job WHERE state IN ('PENDING', 'RUNNING') GROUP BY state")
                .query((rs, i) -> Map.entry(rs.getString("state"), rs.getLong("n"))).list()
                .forEach(e -> active.put(e.getKey(), e.getValue()));
        samples.add(MetricSample.gauge("holdfast_backup_queue_length", "jobs waiting in the queue (every node)", Map.of(),
                active.get("PENDING")));
        samples.add(MetricSample.gauge("holdfast_backup_jobs_running", "jobs running now (every node)", Map.of(), active.get("RUNNING")));
        jdbc.sql("SELECT instance_id, MAX(instance_uuid) AS uuid, MAX(tenant_id) AS tenant, MAX(created_at) AS last "
                        + "FROM backup_snapshot WHERE copy_of IS NULL GROUP BY instance_id")
                .query((rs, i) -> {
                    Timestamp last = rs.getTimestamp("last");
                    long tenantId = rs.getLong("tenant");
                    String tenant = rs.wasNull() ? "" : Long.toString(tenantId);
                    return MetricSample.gauge("holdfast_backup_last_success_timestamp_seconds",
                            "when the newest backup of each instance was taken (Unix time; alert on time() minus this)",
                            Map.of("instance_id", Long.toString(rs.getLong("instance_id")), "instance_uuid", rs.getString("uuid"),
                                    "tenant_id", tenant),
                            last.toInstant().toEpochMilli() / 1000.0);
                }).list().forEach(samples::add);
        return samples;
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
