package io.holdfast.bridge.daemon;

import io.holdfast.bridge.agent.BackupOrder;
import io.holdfast.bridge.agent.Bridge;
import io.holdfast.bridge.agent.InProcessBridge;
import io.holdfast.bridge.agent.JobEvents;
import io.holdfast.bridge.agent.StorageAccess;
import io.holdfast.bridge.progress.Cancellation;
import io.holdfast.bridge.remote.RemoteConfig;
import io.holdfast.bridge.testing.Commands;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/bridge}: the same backups of one VM through the three ways a job reaches the engines — the CLI
 * (a JVM per job, with its ahead-of-time cache, as {@code bin/holdfast-bridge}), the daemon (one JVM that stays
 * warm, over loopback TLS) and the in-process bridge (inside the calling JVM, as the master's own hypervisor) —
 * each into a datastore of its own (each keeps its own checkpoint chain, so every incremental reads the same
 * changed blocks). Prints a Markdown table: the first full backup, then the median of ROUNDS incrementals after
 * writing 96 MiB each time, wall and CPU (the CLI's process, the daemon's process, the bench JVM).
 * Usage: java -cp TESTS_JAR:CLI_JAR io.holdfast.bridge.daemon.BridgeBench WORK DOMAIN ROUNDS
 */
public final class BridgeBench {

    private record Sample(double wall, double cpu) {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        String domain = args[1];
        int rounds = Integer.parseInt(args[2]);
        String uuid = Commands.run("virsh", "-c", "qemu:///system", "domuuid", domain).strip();
        try (DaemonProcess daemon = DaemonProcess.start(work.resolve("daemon-state"), DaemonProcess.freePort(),
                Path.of("hypervisor-bridge", "target"))) {
            Bridge remote = daemon.bridge(Duration.ofMinutes(1));
            Bridge local = new InProcessBridge("qemu:///system", Path.of("/var/tmp/holdfast-bridge"), Duration.ofMinutes(2), null);
            List<String> rows = new ArrayList<>();
            Sample[] full = {cli(work, domain, "cli", true), daemon(daemon, remote, work, uuid, true), inProcess(local, work, uuid, true)};
            List<List<Sample>> inc = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int r = 1; r <= rounds; r++) {
                write96MiB(domain, r);
                inc.get(0).add(cli(work, domain, "cli", false));
                inc.get(1).add(daemon(daemon, remote, work, uuid, false));
                inc.get(2).add(inProcess(local, work, uuid, false));
                System.err.printf(Locale.ROOT, "round %d: cli %.2f s, daemon %.2f s, in-process %.2f s%n", r,
                        inc.get(0).getLast().wall(), inc.get(1).getLast().wall(), inc.get(2).getLast().wall());
            }
            String[] names = {"CLI (`holdfast-bridge backup`, a JVM per job)", "daemon (`holdfast-bridge serve`, HTTPS)",
                    "in-process (the master's JVM)"};
            System.out.println("| path | first full: wall | CPU | incremental (96 MiB written), median of " + rounds + ": wall | CPU | all walls |");
            System.out.println("|---|---|---|---|---|---|");
            for (int i = 0; i < 3; i++) {
                double[] walls = inc.get(i).stream().mapToDouble(Sample::wall).toArray();
                double[] cpus = inc.get(i).stream().mapToDouble(Sample::cpu).toArray();
                System.out.printf(Locale.ROOT, "| %s | %.2f s | %.1f s | %.2f s | %.1f s | %s |%n", names[i], full[i].wall(), full[i].cpu(),
                        median(walls), median(cpus), Arrays.toString(Arrays.stream(walls).map(w -> Math.round(w * 100) / 100.0).toArray()));
            }
            System.out.println("daemon peak RSS: " + Files.readAllLines(Path.of("/proc/" + daemon.pid() + "/status")).stream()
                    .filter(l -> l.startsWith("VmHWM")).findFirst().orElse("?").replaceAll("\\s+", " "));
        }
    }

    private static Sample cli(Path work, String domain, String name, boolean init) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S", "-o", work.resolve("cli.time").toString(),
                "bin/holdfast-bridge", "backup"));
        if (init) {
            command.add("--init");
        }
        command.addAll(List.of("-d", work.resolve("hf-" + name).toString(), domain));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("cli.log").toFile()).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the CLI failed: " + Files.readString(work.resolve("cli.log")));
        }
        String[] t = Files.readString(work.resolve("cli.time")).strip().split("\\s+");
        return new Sample(Double.parseDouble(t[0]), Double.parseDouble(t[1]) + Double.parseDouble(t[2]));
    }

    private static Sample daemon(DaemonProcess daemon, Bridge bridge, Path work, String uuid, boolean full) throws Exception {
        double cpu = processCpu(daemon.pid());
        long start = System.nanoTime();
        bridge.backup(order(work, "daemon", uuid, full), JobEvents.NONE, Cancellation.none());
        return new Sample((System.nanoTime() - start) / 1e9, processCpu(daemon.pid()) - cpu);
    }

    private static Sample inProcess(Bridge bridge, Path work, String uuid, boolean full) {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        bridge.backup(order(work, "inproc", uuid, full), JobEvents.NONE, Cancellation.none());
        return new Sample((System.nanoTime() - start) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9);
    }

    private static BackupOrder order(Path work, String name, String uuid, boolean full) {
        StorageAccess storage = new StorageAccess(name, new RemoteConfig.Local(work.resolve("hf-" + name)), null, null, 0);
        return new BackupOrder(storage, uuid, full, true, null, "bench-" + name + "-" + System.nanoTime());
    }

    /** utime + stime of a process, in seconds (clock ticks of 1/100 s on Linux). */
    private static double processCpu(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    private static void write96MiB(String domain, int seed) {
        for (int i = 0; i < 24; i++) {
            Commands.run("virsh", "-c", "qemu:///system", "qemu-monitor-command", domain, "--hmp",
                    "qemu-io -d /machine/peripheral/virtio-disk0/virtio-backend \"write -P " + ((i + seed) % 250 + 1) + " "
                            + (i * 100) + "M 4M\"");
        }
        Commands.run("virsh", "-c", "qemu:///system", "qemu-monitor-command", domain, "--hmp",
                "qemu-io -d /machine/peripheral/virtio-disk0/virtio-backend flush");
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2];
    }
}
