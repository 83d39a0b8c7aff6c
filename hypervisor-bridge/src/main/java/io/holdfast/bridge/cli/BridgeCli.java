package io.holdfast.bridge.cli;

import io.holdfast.bridge.datastore.DatastoreException;
import io.holdfast.bridge.libvirt.HypervisorException;
import io.holdfast.bridge.nbd.NbdException;
import io.holdfast.bridge.progress.Cancellation;
import io.holdfast.bridge.remote.ConfigException;
import io.holdfast.bridge.remote.RemoteException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code holdfast-bridge}: the bridge's command line. Exit codes: 0 ok, 1 failed, 2 usage, 3 datastore
 * (missing, damaged, wrong key, verify found damage), 4 hypervisor (libvirt, domain, disks), 5 remote,
 * 130 cancelled.
 */
@Command(name = "holdfast-bridge", mixinStandardHelpOptions = true, version = "holdfast-bridge 0.1",
        description = "Block-level backup of libvirt VMs into a deduplicating datastore.",
        subcommands = {InitCommand.class, BackupCommand.class, ListCommand.class, RestoreCommand.class,
                ExportCommand.class, VerifyCommand.class, GcCommand.class, MirrorCommand.class,
                ServeCommand.class, FingerprintCommand.class})
public final class BridgeCli {

    /** Cancelled by Ctrl-C (SIGINT/SIGTERM): the running operation cleans up before the JVM exits. */
    static final Cancellation CANCEL = new Cancellation();

    /** Set by the shutdown hook: the JVM is exiting already, and System.exit would block until the hook gives up. */
    private static volatile boolean exiting;

    public static void main(String[] args) {
        int code = run(args);
        if (!exiting) {
            System.exit(code);
        }
    }

    public static int run(String... args) {
        // libraries (Commons VFS, JSch) log progress chatter through java.util.logging: keep warnings only
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            exiting = true;
            CANCEL.cancel();
            try {
                main.join(60_000);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return new CommandLine(new BridgeCli())
                    .setExecutionExceptionHandler((e, cmd, parsed) -> {
                        cmd.getErr().println("holdfast-bridge: " + message(e));
                        return exitCode(e);
                    })
                    .execute(args);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for us
            }
        }
    }

    static String message(Throwable e) {
        return e instanceof Cancellation.Cancelled ? "cancelled; nothing was left behind" : e.getMessage();
    }

    static int exitCode(Throwable e) {
        if (e instanceof CliException c) {
            return c.exitCode;
        }
        if (e instanceof Cancellation.Cancelled) {
            return ExitCodes.CANCELLED;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DatastoreException) {
                return ExitCodes.DATASTORE;
            }
            if (t instanceof HypervisorException || t instanceof NbdException) {
                return ExitCodes.HYPERVISOR;
            }
            if (t instanceof ConfigException) {
                return ExitCodes.USAGE;
            }
            if (t instanceof RemoteException) {
                return ExitCodes.REMOTE;
            }
        }
        return ExitCodes.FAILED;
    }
}
