package io.holdfast.bridge.daemon;

import io.holdfast.bridge.agent.Bridge;
import io.holdfast.bridge.agent.BridgeException;
import io.holdfast.bridge.libvirt.LibvirtHost;
import io.holdfast.bridge.libvirt.VmDomain;
import io.holdfast.bridge.progress.Cancellation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon's jobs: each runs on a thread of its own through the in-process bridge, whatever happens to the
 * connection that started it; the master follows it by id. A job's file is written when it begins (with what a
 * crash would leave) and when it ends.
 */
final class DaemonJobs {

    private static final System.Logger LOG = System.getLogger(DaemonJobs.class.getName());
    private static final Duration KEEP_IN_MEMORY = Duration.ofHours(1);

    private final Bridge bridge;
    private final String libvirtUri;
    private final JobRecords records;
    private final DaemonMetrics metrics;
    private final JsonMapper json = Protocol.mapper();
    private final Map<String, DaemonJob> jobs = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();

    DaemonJobs(Bridge bridge, String libvirtUri, JobRecords records, DaemonMetrics metrics) {
        this.bridge = bridge;
        this.libvirtUri = libvirtUri;
        this.records = records;
        this.metrics = metrics;
    }

    int running() {
        return running.get();
    }

    /** Starts the job, or answers for the one already started with this id (a client retrying its request). */
    synchronized Protocol.JobStatus start(String id, Protocol.JobOrder order) {
        DaemonJob known = jobs.get(id);
        if (known != null) {
            return known.status();
        }
        Optional<JobRecord> onDisk = records.find(id);
        if (onDisk.isPresent()) {
            return DaemonJob.fromRecord(onDisk.get(), 0).status();
        }
        evictOld();
        String domain = order.domain();
        List<String> before = order.kind() == Protocol.Kind.BACKUP ? holdfastCheckpoints(domain) : List.of();
        JobRecord record = new JobRecord(id, order.kind(), Protocol.State.RUNNING, Instant.now(), null, domain,
                order.reference(), before, List.of(), null, false, null);
        records.save(record);
        DaemonJob job = new DaemonJob(record, records::save);
        jobs.put(id, job);
        running.incrementAndGet();
        Thread.ofPlatform().name("job-" + id).start(() -> run(job, order));
        LOG.log(System.Logger.Level.INFO, "job {0} ({1}) started", id, order.kind());
        return job.status();
    }

    Optional<Protocol.Events> events(String id, int from, long waitMillis) throws InterruptedException {
        DaemonJob job = jobs.get(id);
        if (job != null) {
            return Optional.of(job.events(from, Math.min(waitMillis, 25_000)));
        }
        return records.find(id).map(r -> DaemonJob.fromRecord(r, from));
    }

    Optional<Protocol.JobStatus> cancel(String id) {
        DaemonJob job = jobs.get(id);
        if (job == null) {
            return records.find(id).map(r -> DaemonJob.fromRecord(r, 0).status());
        }
        job.cancellation().cancel();
        job.step("Cancel requested by the master");
        return Optional.of(job.status());
    }

    List<Protocol.JobStatus> recent() {
        return records.all().stream().map(r -> {
            DaemonJob live = jobs.get(r.id());
            return live != null ? live.status() : DaemonJob.fromRecord(r, 0).status();
        }).toList();
    }

    /** At shutdown: every running job is cancelled and given {@code wait} to clean up (a job not done by then is cleaned up at the next start). */
    void cancelAll(Duration wait) {
        jobs.values().forEach(j -> j.cancellation().cancel());
        long deadline = System.nanoTime() + wait.toNanos();
        while (running.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run(DaemonJob job, Protocol.JobOrder order) {
        long began = System.nanoTime();
        Protocol.State state = Protocol.State.FAILED;
        try {
            Object result = dispatch(order, job, job.cancellation());
            JsonNode node = result == null ? null : json.valueToTree(result);
            state = Protocol.State.SUCCEEDED;
            job.finish(state, null, node);
        } catch (Cancellation.Cancelled e) {
            state = Protocol.State.CANCELLED;
            job.finish(state, "Cancelled; the job cleaned up after itself.", null);
        } catch (BridgeException e) {
            job.finish(state, e.getMessage(), null);
        } catch (RuntimeException | Error e) {
            // the detail stays in the daemon's log; the master gets a sentence
            LOG.log(System.Logger.Level.ERROR, "job " + job.id() + " (" + order.kind() + ") failed unexpectedly", e);
            job.finish(state, "An unexpected error stopped the job on the bridge (" + e.getClass().getSimpleName()
                    + "); the bridge's log has the detail.", null);
        } finally {
            running.decrementAndGet();
            metrics.finished(order.kind(), state, Duration.ofNanos(System.nanoTime() - began), job.record().result());
            LOG.log(System.Logger.Level.INFO, "job {0} ({1}) {2}", job.id(), order.kind(), state);
        }
    }

    private Object dispatch(Protocol.JobOrder o, DaemonJob events, Cancellation cancel) {
        return switch (o.kind()) {
            case PROBE -> bridge.probe(o.storage());
            case BACKUP -> bridge.backup(o.backup(), events, cancel);
            case RESTORE -> bridge.restore(o.restore(), events, cancel);
            case VERIFY -> bridge.verify(o.storage(), o.snapshot(), events, cancel);
            case MIRROR -> bridge.mirror(o.mirror(), events, cancel);
            case LIST -> bridge.list(o.storage(), events);
            case GC -> {
                bridge.gc(o.storage(), events, cancel);
                yield null;
            }
            case DELETE_SNAPSHOT -> {
                bridge.deleteSnapshot(o.storage(), o.snapshot(), events);
                yield null;
            }
            case FORGET_RUN -> {
                bridge.forgetRun(o.storage(), o.jobRef(), events);
                yield null;
            }
            case RECOVER -> {
                bridge.recover(o.storage(), o.domainUuid(), o.jobRef(), events);
                yield null;
            }
        };
    }

    /** The domain's Holdfast checkpoints now: after a crash, any other one belongs to the job that died. */
    private List<String> holdfastCheckpoints(String domainUuid) {
        if (domainUuid == null) {
            return List.of();
        }
        try (LibvirtHost host = LibvirtHost.connect(libvirtUri)) {
            return host.find(domainUuid).map(VmDomain::checkpoints).orElse(List.of()).stream()
                    .filter(c -> c.startsWith(io.holdfast.bridge.backup.BackupEngine.CHECKPOINT_PREFIX)).toList();
        } catch (RuntimeException e) {
            // the backup itself will say what is wrong with libvirt
            return List.of();
        }
    }

    private void evictOld() {
        Instant before = Instant.now().minus(KEEP_IN_MEMORY);
        jobs.values().removeIf(j -> {
            JobRecord r = j.record();
            return r.state().finished() && r.finishedAt() != null && r.finishedAt().isBefore(before);
        });
    }
}
