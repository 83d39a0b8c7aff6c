package io.holdfast.bridge.daemon;

import io.holdfast.bridge.agent.BackupOrder;
import io.holdfast.bridge.agent.BackupOutcome;
import io.holdfast.bridge.agent.Bridge;
import io.holdfast.bridge.agent.BridgeException;
import io.holdfast.bridge.agent.JobEvents;
import io.holdfast.bridge.agent.MirrorOrder;
import io.holdfast.bridge.agent.MirrorOutcome;
import io.holdfast.bridge.agent.ProbeReport;
import io.holdfast.bridge.agent.RestoreOrder;
import io.holdfast.bridge.agent.RestoreOutcome;
import io.holdfast.bridge.agent.SnapshotSummary;
import io.holdfast.bridge.agent.StorageAccess;
import io.holdfast.bridge.agent.VerifyOutcome;
import io.holdfast.bridge.progress.Cancellation;
import io.holdfast.bridge.progress.Progress;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The bridge of a hypervisor whose daemon the admin registered: every operation is a job on the daemon, started
 * under an id this client chooses (so a retried start never runs twice) and followed by long-polling its events,
 * which go to the caller's {@link JobEvents} as they would from an in-process bridge. A dropped connection does
 * not stop the job: the client reconnects for up to {@code reconnectFor} and picks the job up by id. The daemon's
 * certificate must be the pinned one, or nothing is sent.
 */
public final class DaemonBridge implements Bridge {

    private static final Duration POLL = Duration.ofMillis(1000);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final URI base;
    private final String token;
    private final Duration reconnectFor;
    private final HttpClient http;
    private final JsonMapper json = Protocol.mapper();

    /**
     * @param base        the daemon's address, e.g. {@code https://hv7.example.net:8643}
     * @param fingerprint the certificate fingerprint pinned at registration ({@code SHA256:...})
     */
    public DaemonBridge(URI base, String token, String fingerprint, Duration reconnectFor) {
        if (!"https".equals(base.getScheme())) {
            throw new BridgeException("A bridge daemon is reached over https only (was " + base + ").");
        }
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        this.token = Objects.requireNonNull(token, "token");
        this.reconnectFor = reconnectFor;
        this.http = HttpClient.newBuilder().sslContext(PinnedTrust.context(Objects.requireNonNull(fingerprint, "fingerprint")))
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** What a registration's Test shows: whether the daemon answers, with the pinned certificate and this token. */
    public String check() {
        try {
            HttpResponse<String> health = send(HttpRequest.newBuilder(base.resolve("/v1/health")).GET());
            Protocol.Health h = json.readValue(health.body(), Protocol.Health.class);
            HttpResponse<String> jobs = send(authorized("/v1/jobs").GET());
            if (jobs.statusCode() != 200) {
                throw problem(jobs);
            }
            return "Bridge daemon " + h.version() + " at " + base + " answered; certificate and token accepted; "
                    + h.runningJobs() + " job(s) running.";
        } catch (IOException e) {
            throw failure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancellation.Cancelled();
        }
    }

    @Override
    public ProbeReport probe(StorageAccess storage) {
        try {
            return run(order(Protocol.Kind.PROBE, storage, null, null), JobEvents.NONE, Cancellation.none(), ProbeReport.class);
        } catch (BridgeException e) {
            return new ProbeReport(false, e.getMessage(), 0, 0, null);
        }
    }

    @Override
    public BackupOutcome backup(BackupOrder order, JobEvents events, Cancellation cancel) {
        try {
            return run(new Protocol.JobOrder(Protocol.Kind.BACKUP, null, order, null, null, null, null, null), events, cancel,
                    BackupOutcome.class);
        } catch (Interrupted e) {
            // the daemon cleaned up libvirt and its files; the storage's running marker needs the storage again
            recover(order.storage(), order.domainUuid(), order.jobRef(), events);
            throw new BridgeException(e.getMessage());
        }
    }

    @Override
    public RestoreOutcome restore(RestoreOrder order, JobEvents events, Cancellation cancel) {
        return run(new Protocol.JobOrder(Protocol.Kind.RESTORE, null, null, order, null, null, null, null), events, cancel,
                RestoreOutcome.class);
    }

    @Override
    public VerifyOutcome verify(StorageAccess storage, String snapshot, JobEvents events, Cancellation cancel) {
        return run(new Protocol.JobOrder(Protocol.Kind.VERIFY, storage, null, null, null, snapshot, null, null), events, cancel,
                VerifyOutcome.class);
    }

    @Override
    public MirrorOutcome mirror(MirrorOrder order, JobEvents events, Cancellation cancel) {
        try {
            return run(new Protocol.JobOrder(Protocol.Kind.MIRROR, null, null, null, order, null, null, null), events, cancel,
                    MirrorOutcome.class);
        } catch (Interrupted e) {
            forgetRun(order.destination(), order.jobRef(), events);
            throw new BridgeException(e.getMessage());
        }
    }

    @Override
    public List<SnapshotSummary> list(StorageAccess storage, JobEvents events) {
        JsonNode node = run(order(Protocol.Kind.LIST, storage, null, null), events, Cancellation.none(), JsonNode.class);
        return json.convertValue(node, new TypeReference<List<SnapshotSummary>>() {
        });
    }

    @Override
    public void gc(StorageAccess storage, JobEvents events, Cancellation cancel) {
        run(order(Protocol.Kind.GC, storage, null, null), events, cancel, Void.class);
    }

    @Override
    public void deleteSnapshot(StorageAccess storage, String snapshot, JobEvents events) {
        run(order(Protocol.Kind.DELETE_SNAPSHOT, storage, snapshot, null), events, Cancellation.none(), Void.class);
    }

    @Override
    public void forgetRun(StorageAccess storage, String jobRef, JobEvents events) {
        run(new Protocol.JobOrder(Protocol.Kind.FORGET_RUN, storage, null, null, null, null, null, jobRef), events,
                Cancellation.none(), Void.class);
    }

    @Override
    public void recover(StorageAccess storage, String domainUuid, String jobRef, JobEvents events) {
        run(new Protocol.JobOrder(Protocol.Kind.RECOVER, storage, null, null, null, null, domainUuid, jobRef), events,
                Cancellation.none(), Void.class);
    }

    private static Protocol.JobOrder order(Protocol.Kind kind, StorageAccess storage, String snapshot, String jobRef) {
        return new Protocol.JobOrder(kind, storage, null, null, null, snapshot, null, jobRef);
    }

    /** The daemon stopped under the job and failed it at its next start (it cleaned up what it could). */
    private static final class Interrupted extends BridgeException {
        Interrupted(String message) {
            super(message);
        }
    }

    private <T> T run(Protocol.JobOrder order, JobEvents events, Cancellation cancel, Class<T> resultType) {
        String id = UUID.randomUUID().toString();
        byte[] body = json.writeValueAsBytes(order);
        retrying(events, id, () -> {
            HttpResponse<String> r = send(authorized("/v1/jobs/" + id).PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                    .header("Content-Type", "application/json"));
            if (r.statusCode() != 200) {
                throw problem(r);
            }
            return null;
        });
        events.step("Bridge daemon " + base.getHost() + ": job " + id);
        int next = 0;
        boolean cancelSent = false;
        Progress last = null;
        while (true) {
            if (cancel.isCancelled() && !cancelSent) {
                retrying(events, id, () -> send(authorized("/v1/jobs/" + id + "/cancel").POST(HttpRequest.BodyPublishers.noBody())));
                cancelSent = true;
            }
            int from = next;
            Protocol.Events e = retrying(events, id, () -> {
                HttpResponse<String> r = send(authorized("/v1/jobs/" + id + "/events?from=" + from + "&waitMillis=" + POLL.toMillis())
                        .timeout(POLL.plusSeconds(30)).GET());
                if (r.statusCode() != 200) {
                    throw problem(r);
                }
                return json.readValue(r.body(), Protocol.Events.class);
            });
            for (Protocol.Line line : e.lines()) {
                if (line.level() == Protocol.Level.WARN) {
                    events.warn(line.text());
                } else {
                    events.step(line.text());
                }
            }
            next = e.next();
            Protocol.JobStatus s = e.status();
            if (s.progress() != null && !s.progress().equals(last)) {
                last = s.progress();
                events.progress(last);
            }
            if (s.state().finished() && next >= s.lines()) {
                return switch (s.state()) {
                    case SUCCEEDED -> resultType == Void.class || s.result() == null ? null : json.treeToValue(s.result(), resultType);
                    case CANCELLED -> throw new Cancellation.Cancelled();
                    default -> throw s.interrupted() ? new Interrupted(s.error()) : new BridgeException(s.error());
                };
            }
        }
    }

    private interface Call<T> {
        T call() throws IOException, InterruptedException;
    }

    /** Retries a call whose connection failed, for up to {@code reconnectFor}: the job goes on at the daemon meanwhile. */
    private <T> T retrying(JobEvents events, String id, Call<T> call) {
        long deadline = System.nanoTime() + reconnectFor.toNanos();
        boolean warned = false;
        while (true) {
            try {
                T result = call.call();
                if (warned) {
                    events.step("Reconnected to the bridge daemon at " + base + "; following job " + id + " again");
                }
                return result;
            } catch (IOException e) {
                BridgeException f = failure(e);
                if (f instanceof Refused || System.nanoTime() > deadline) {
                    throw f;
                }
                if (!warned) {
                    events.warn("Lost the connection to the bridge daemon at " + base + " (" + f.getMessage()
                            + "); its job " + id + " goes on there; reconnecting for up to " + reconnectFor.toMinutes() + " min");
                    warned = true;
                }
                try {
                    Thread.sleep(RETRY.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new Cancellation.Cancelled();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Cancellation.Cancelled();
            }
        }
    }

    /** A failure retrying cannot mend: another certificate, a wrong token, a request the daemon refuses. */
    private static final class Refused extends BridgeException {
        Refused(String message) {
            super(message);
        }
    }

    private BridgeException failure(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PinnedTrust.Mismatch m) {
                return new Refused("The bridge daemon at " + base + " presented a certificate with fingerprint " + m.presented
                        + ", not the one registered for it: nothing was sent. If the daemon was reinstalled, register it again "
                        + "with the fingerprint `holdfast-bridge fingerprint` shows.");
            }
        }
        return new BridgeException("cannot reach the bridge daemon at " + base + ": "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }

    private BridgeException problem(HttpResponse<String> r) {
        String detail;
        try {
            detail = json.readValue(r.body(), Protocol.Problem.class).detail();
        } catch (RuntimeException notJson) {
            detail = "HTTP " + r.statusCode();
        }
        return new Refused(detail == null ? "The bridge daemon answered HTTP " + r.statusCode() + "." : detail);
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public String toString() {
        return "DaemonBridge[" + base + "]";
    }
}
