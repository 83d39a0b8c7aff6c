package io.holdfast.bridge.daemon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The daemon's metrics in Prometheus' text format ({@code GET /metrics}), through Micrometer. Names
 * (documented in {@code docs/bridge-daemon.md}): {@code holdfast_bridge_jobs_total{kind,result}},
 * {@code holdfast_bridge_job_duration_seconds{kind}}, {@code holdfast_bridge_jobs_running},
 * {@code holdfast_bridge_backup_read_bytes_total}, {@code holdfast_bridge_backup_stored_bytes_total},
 * {@code holdfast_bridge_restore_written_bytes_total}, {@code holdfast_bridge_jobs_interrupted_total},
 * {@code holdfast_bridge_remote_errors_total}, {@code holdfast_bridge_remote_retries_total}.
 */
final class DaemonMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter bytesRead;
    private final Counter bytesStored;
    private final Counter bytesRestored;

    DaemonMetrics() {
        bytesRead = Counter.builder("holdfast.bridge.backup.read").baseUnit("bytes")
                .description("bytes read from disks by backups").register(registry);
        bytesStored = Counter.builder("holdfast.bridge.backup.stored").baseUnit("bytes")
                .description("new bytes stored by backups (after deduplication and compression)").register(registry);
        bytesRestored = Counter.builder("holdfast.bridge.restore.written").baseUnit("bytes")
                .description("bytes written to disks by restores").register(registry);
    }

    void watchRunning(IntSupplier running) {
        io.micrometer.core.instrument.FunctionCounter.builder("holdfast.bridge.remote.errors", this,
                        m -> io.holdfast.bridge.remote.RemoteCounters.failures())
                .description("remote calls that failed (each try), transient or permanent").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("holdfast.bridge.remote.retries", this,
                        m -> io.holdfast.bridge.remote.RemoteCounters.retries())
                .description("remote calls tried again after a transient failure").register(registry);
        Gauge.builder("holdfast.bridge.jobs.running", running::getAsInt).description("jobs running now").register(registry);
    }

    void interrupted(int count) {
        Counter.builder("holdfast.bridge.jobs.interrupted").description("jobs failed at start because the daemon had stopped under them")
                .register(registry).increment(count);
    }

    void finished(Protocol.Kind kind, Protocol.State state, Duration took, JsonNode result) {
        String k = kind.name().toLowerCase(java.util.Locale.ROOT);
        Counter.builder("holdfast.bridge.jobs").tag("kind", k).tag("result", state.name().toLowerCase(java.util.Locale.ROOT))
                .description("jobs finished, by kind and result").register(registry).increment();
        Timer.builder("holdfast.bridge.job.duration").tag("kind", k).description("how long jobs ran")
                .register(registry).record(took);
        if (result != null && state == Protocol.State.SUCCEEDED) {
            if (kind == Protocol.Kind.BACKUP) {
                bytesRead.increment(result.path("bytesRead").asLong(0));
                bytesStored.increment(result.path("bytesStored").asLong(0));
            } else if (kind == Protocol.Kind.RESTORE) {
                bytesRestored.increment(result.path("bytesWritten").asLong(0));
            }
        }
    }

    String scrape() {
        return registry.scrape();
    }
}
