package io.holdfast.bridge.daemon;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.holdfast.bridge.agent.InProcessBridge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code holdfast-bridge serve}: the agent of one hypervisor as a long-running HTTPS service. It runs the same
 * engines as the in-process bridge ({@link InProcessBridge}) and pays the JVM's warm-up once. The HTTP server is
 * the JDK's own ({@code jdk.httpserver}; why, in {@code docs/bridge-daemon.md}), with TLS from the daemon's
 * {@link DaemonIdentity} and a virtual thread per request.
 */
public final class BridgeDaemon implements AutoCloseable {

    private final HttpsServer server;
    private final ExecutorService executor;
    private final DaemonIdentity identity;
    private final int interrupted;
    private final DaemonJobs jobs;

    private BridgeDaemon(HttpsServer server, ExecutorService executor, DaemonIdentity identity, int interrupted, DaemonJobs jobs) {
        this.server = server;
        this.jobs = jobs;
        this.executor = executor;
        this.identity = identity;
        this.interrupted = interrupted;
    }

    public static BridgeDaemon start(DaemonSettings settings) {
        DaemonIdentity identity = DaemonIdentity.loadOrCreate(settings.stateDir());
        JobRecords records = new JobRecords(settings.stateDir());
        int interrupted = new CrashCleanup(settings.libvirtUri(), settings.workDir()).run(records);
        records.prune(Duration.ofDays(7));
        DaemonMetrics metrics = new DaemonMetrics();
        metrics.interrupted(interrupted);
        InProcessBridge bridge = new InProcessBridge(settings.libvirtUri(), settings.workDir(), settings.shutdownTimeout(),
                settings.rcloneConfig());
        DaemonJobs jobs = new DaemonJobs(bridge, settings.libvirtUri(), records, metrics);
        metrics.watchRunning(jobs::running);
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(settings.listenHost(), settings.port()), 64);
            server.setHttpsConfigurator(new HttpsConfigurator(identity.serverContext()));
            server.createContext("/", new DaemonApi(identity, jobs, metrics));
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            server.start();
            return new BridgeDaemon(server, executor, identity, interrupted, jobs);
        } catch (IOException e) {
            throw new DaemonException("cannot listen on " + settings.listenHost() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String fingerprint() {
        return identity.fingerprint();
    }

    /** Jobs the previous run left running, failed and cleaned up at this start. */
    public int interruptedJobs() {
        return interrupted;
    }

    @Override
    public void close() {
        jobs.cancelAll(Duration.ofSeconds(50));
        server.stop(1);
        executor.shutdownNow();
    }
}
