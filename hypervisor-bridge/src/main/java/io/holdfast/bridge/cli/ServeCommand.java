package io.holdfast.bridge.cli;

import io.holdfast.bridge.daemon.BridgeDaemon;
import io.holdfast.bridge.daemon.DaemonSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run this hypervisor's bridge as an HTTPS daemon the master drives (docs/bridge-daemon.md).",
                "On first start it makes its certificate and token; `holdfast-bridge fingerprint` shows what to register."})
final class ServeCommand implements Callable<Integer> {

    /** java.util.logging keeps loggers weakly: without this reference the level set below could be forgotten. */
    private static final Logger HOLDFAST = Logger.getLogger("io.holdfast");

    @Option(names = "--config", description = "Settings file (default: ${DEFAULT-VALUE}).", defaultValue = "/etc/holdfast-bridge/bridge.conf")
    Path config;

    @Option(names = "--listen", description = "Address to listen on (overrides the file).")
    String listen;

    @Option(names = "--port", description = "Port (overrides the file; 0 = any free port).")
    Integer port;

    @Option(names = "--state-dir", description = "Certificate, token and job files (overrides the file).")
    Path stateDir;

    @Option(names = "--work-dir", description = "Per-job folders for NBD sockets and scratch files (overrides the file).")
    Path workDir;

    @Option(names = "--libvirt-uri", description = "libvirt to back up (overrides the file).")
    String libvirtUri;

    @Override
    public Integer call() throws InterruptedException {
        DaemonSettings s = settings(config, listen, port, stateDir, workDir, libvirtUri);
        logToStandardError();
        try (BridgeDaemon daemon = BridgeDaemon.start(s)) {
            System.out.println("holdfast-bridge serving on https://" + s.listenHost() + ":" + daemon.port());
            System.out.println("certificate fingerprint: " + daemon.fingerprint());
            System.out.println("register it on the master with this fingerprint and the token `holdfast-bridge fingerprint` shows");
            if (daemon.interruptedJobs() > 0) {
                System.out.println(daemon.interruptedJobs() + " job(s) left running by the previous run were failed and cleaned up");
            }
            System.out.flush();
            while (!BridgeCli.CANCEL.isCancelled()) {
                Thread.sleep(250);
            }
            System.out.println("holdfast-bridge stopping: running jobs are cancelled and clean up");
        }
        return ExitCodes.OK;
    }

    static DaemonSettings settings(Path config, String listen, Integer port, Path stateDir, Path workDir, String libvirtUri) {
        DaemonSettings s = DaemonSettings.read(config);
        if (listen != null) {
            s = s.withListenHost(listen);
        }
        if (port != null) {
            s = s.withPort(port);
        }
        if (stateDir != null) {
            s = s.withStateDir(stateDir.toAbsolutePath());
        }
        if (workDir != null) {
            s = s.withWorkDir(workDir.toAbsolutePath());
        }
        if (libvirtUri != null) {
            s = s.withLibvirtUri(libvirtUri);
        }
        return s;
    }

    /** One line per event on standard error (the journal under systemd); the daemon's own at INFO, libraries' at WARNING. */
    private static void logToStandardError() {
        Formatter oneLine = new Formatter() {
            @Override
            public String format(LogRecord r) {
                String line = String.format("%1$tF %1$tT %2$s %3$s: %4$s%n", r.getMillis(), r.getLevel().getName(),
                        r.getLoggerName().replaceAll(".*\\.", ""), formatMessage(r));
                if (r.getThrown() != null) {
                    java.io.StringWriter trace = new java.io.StringWriter();
                    r.getThrown().printStackTrace(new java.io.PrintWriter(trace));
                    line += trace;
                }
                return line;
            }
        };
        Logger root = Logger.getLogger("");
        for (java.util.logging.Handler h : root.getHandlers()) {
            h.setFormatter(oneLine);
            h.setLevel(Level.INFO);
        }
        HOLDFAST.setLevel(Level.INFO);
    }
}
