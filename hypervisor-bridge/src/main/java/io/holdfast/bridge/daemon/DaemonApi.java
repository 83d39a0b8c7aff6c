package io.holdfast.bridge.daemon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The daemon's HTTP routes ({@link Protocol}): token check, JSON in and out, problems as one sentence. */
final class DaemonApi implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(DaemonApi.class.getName());
    private static final Pattern JOB = Pattern.compile("/v1/jobs/([^/]+)(/events|/cancel)?");
    private static final int MAX_BODY = 1 << 20;

    private final DaemonIdentity identity;
    private final DaemonJobs jobs;
    private final DaemonMetrics metrics;
    private final JsonMapper json = Protocol.mapper();

    DaemonApi(DaemonIdentity identity, DaemonJobs jobs, DaemonMetrics metrics) {
        this.identity = identity;
        this.jobs = jobs;
        this.metrics = metrics;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/v1/health") && method.equals("GET")) {
                send(exchange, 200, new Protocol.Health("UP", "holdfast-bridge 0.1", jobs.running(), identity.fingerprint()));
                return;
            }
            if (path.equals("/metrics") && method.equals("GET")) {
                byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer ") || !identity.accepts(auth.substring(7).strip())) {
                LOG.log(System.Logger.Level.WARNING, "refused {0} {1} from {2}: no valid token", method, path,
                        exchange.getRemoteAddress().getAddress().getHostAddress());
                problem(exchange, 401, "The bridge's token is missing or wrong: register the bridge again with the token "
                        + "`holdfast-bridge fingerprint` shows on the hypervisor.");
                return;
            }
            route(exchange, path, method);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "request failed", e);
            problem(exchange, 500, "The bridge could not answer (" + e.getClass().getSimpleName() + "); its log has the detail.");
        }
    }

    private void route(HttpExchange exchange, String path, String method) throws IOException {
        if (path.equals("/v1/jobs") && method.equals("GET")) {
            send(exchange, 200, jobs.recent());
            return;
        }
        Matcher m = JOB.matcher(path);
        if (!m.matches() || !JobRecords.validId(m.group(1))) {
            problem(exchange, 404, "No such resource: " + path);
            return;
        }
        String id = m.group(1);
        String sub = m.group(2);
        if (sub == null && method.equals("PUT")) {
            Protocol.JobOrder order;
            try {
                order = json.readValue(body(exchange), Protocol.JobOrder.class);
            } catch (JacksonException e) {
                // not the parser's message: it may quote the request, and the request holds the storage's secrets
                LOG.log(System.Logger.Level.WARNING, "refused a job request that is not valid JSON for this version ({0})",
                        e.getClass().getSimpleName());
                problem(exchange, 400, "The job's request is not valid JSON for this bridge's version: are the master and the "
                        + "bridge of the same Holdfast version?");
                return;
            }
            if (order.kind() == null || !complete(order)) {
                problem(exchange, 400, "The job's request lacks what its kind needs.");
                return;
            }
            send(exchange, 200, jobs.start(id, order));
        } else if (sub == null && method.equals("GET")) {
            found(exchange, id, events(id, 0, 0).map(Protocol.Events::status));
        } else if ("/events".equals(sub) && method.equals("GET")) {
            Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
            int from = parse(q.get("from"), 0);
            long wait = parse(q.get("waitMillis"), 0);
            found(exchange, id, events(id, from, wait));
        } else if ("/cancel".equals(sub) && method.equals("POST")) {
            found(exchange, id, jobs.cancel(id));
        } else {
            problem(exchange, 405, method + " is not allowed on " + path);
        }
    }

    private Optional<Protocol.Events> events(String id, int from, long wait) {
        try {
            return jobs.events(id, from, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaemonException("interrupted", e);
        }
    }

    private static boolean complete(Protocol.JobOrder o) {
        return switch (o.kind()) {
            case BACKUP -> o.backup() != null;
            case RESTORE -> o.restore() != null;
            case MIRROR -> o.mirror() != null;
            case RECOVER -> o.storage() != null && o.domainUuid() != null;
            case FORGET_RUN -> o.storage() != null && o.jobRef() != null;
            case DELETE_SNAPSHOT -> o.storage() != null && o.snapshot() != null;
            default -> o.storage() != null;
        };
    }

    private void found(HttpExchange exchange, String id, Optional<?> body) throws IOException {
        if (body.isPresent()) {
            send(exchange, 200, body.get());
        } else {
            problem(exchange, 404, "This bridge has no job " + id + " (jobs are kept 7 days).");
        }
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new DaemonException("request body over " + MAX_BODY + " bytes");
            }
            return bytes;
        }
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void problem(HttpExchange exchange, int status, String detail) throws IOException {
        byte[] bytes = json.writeValueAsBytes(new Protocol.Problem(status, detail));
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new java.util.HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static int parse(String s, int fallback) {
        try {
            return s == null ? fallback : Math.max(0, Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
