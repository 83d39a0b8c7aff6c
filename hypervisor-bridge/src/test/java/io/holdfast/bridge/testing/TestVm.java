package io.holdfast.bridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A throw-away libvirt domain for tests: TCG ({@code type='qemu'}, so no /dev/kvm is needed), one virtio
 * qcow2 disk ({@code vda}) in its own folder, no operating system (the firmware just waits), on
 * {@code qemu:///system}. Close it, e.g. with try-with-resources: the domain is destroyed and undefined
 * with its checkpoints, and its folder deleted. VMs a crashed test left behind (named {@value #PREFIX}...)
 * are swept when the first VM of a JVM is created, and a shutdown hook closes any still open.
 */
public final class TestVm implements AutoCloseable {

    public static final String PREFIX = "hf-test-";
    static final String URI = "qemu:///system";
    private static final Path ROOT = Path.of("/var/tmp/holdfast-test-vms");
    private static final Set<TestVm> OPEN = ConcurrentHashMap.newKeySet();
    private static volatile boolean swept;

    private final String name;
    private final String uuid;
    private final Path dir;
    private final Path disk;
    private final long diskBytes;
    private boolean closed;

    private TestVm(String name, Path dir, long diskBytes) {
        this.name = name;
        this.uuid = UUID.randomUUID().toString();
        this.dir = dir;
        this.disk = dir.resolve("vda.qcow2");
        this.diskBytes = diskBytes;
    }

    /** Defines (but does not start) a new domain with an empty qcow2 disk of {@code diskBytes}. */
    public static TestVm create(long diskBytes) {
        sweepStaleOnce();
        String name = PREFIX + UUID.randomUUID().toString().substring(0, 8);
        try {
            Files.createDirectories(ROOT);
            ROOT.toFile().setExecutable(true, false);
            ROOT.toFile().setReadable(true, false);
            Path dir = Files.createDirectory(ROOT.resolve(name));
            // QEMU runs as libvirt-qemu: it must traverse the folder; libvirt chowns the image itself
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            TestVm vm = new TestVm(name, dir, diskBytes);
            OPEN.add(vm);
            Commands.run("qemu-img", "create", "-q", "-f", "qcow2", vm.disk.toString(), Long.toString(diskBytes));
            Path xml = dir.resolve("domain.xml");
            Files.writeString(xml, vm.domainXml());
            Commands.run("virsh", "-c", URI, "define", xml.toString());
            return vm;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create test VM folder under " + ROOT, e);
        }
    }

    /**
     * Defines a new domain whose disk is a full qcow2 copy of {@code image} (as a VM cloned from a template
     * would have), of the image's virtual size.
     */
    public static TestVm createFrom(Path image, String format, long virtualSize) {
        TestVm vm = create(virtualSize);
        try {
            Files.delete(vm.disk);
            Commands.run("qemu-img", "convert", "-q", "-f", format, "-O", "qcow2", image.toString(), vm.disk.toString());
            return vm;
        } catch (IOException | RuntimeException e) {
            vm.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** Whether libvirt has a job (e.g. a backup) running on this domain. */
    public boolean hasJob() {
        String info = Commands.run("virsh", "-c", URI, "domjobinfo", name);
        return info.lines().anyMatch(l -> l.startsWith("Job type:") && !l.contains("None"));
    }

    private String domainXml() {
        return """
                <domain type='qemu'>
                  <name>%s</name>
                  <uuid>%s</uuid>
                  <memory unit='MiB'>64</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
                  <on_poweroff>destroy</on_poweroff>
                  <devices>
                    <disk type='file' device='disk'>
                      <driver name='qemu' type='qcow2' cache='none'/>
                      <source file='%s'/>
                      <target dev='vda' bus='virtio'/>
                    </disk>
                    <graphics type='vnc' autoport='yes' listen='127.0.0.1'/>
                  </devices>
                </domain>
                """.formatted(name, uuid, disk);
    }

    public String name() {
        return name;
    }

    public String uuid() {
        return uuid;
    }

    public Path disk() {
        return disk;
    }

    public long diskBytes() {
        return diskBytes;
    }

    public TestVm start() {
        Commands.run("virsh", "-c", URI, "start", name);
        return this;
    }

    /** Powers the domain off at once (no guest to shut down cleanly). */
    public TestVm stop() {
        if (isRunning()) {
            Commands.run("virsh", "-c", URI, "destroy", name);
        }
        return this;
    }

    public boolean isRunning() {
        return Commands.run("virsh", "-c", URI, "domstate", name).strip().equals("running");
    }

    /**
     * Writes {@code length} bytes of {@code pattern} at {@code offset} into the disk as the guest sees it:
     * through the monitor's qemu-io while running, with qemu-io on the image while stopped.
     */
    public TestVm writePattern(int pattern, long offset, long length) {
        String write = "write -P 0x%02x %d %d".formatted(pattern & 0xff, offset, length);
        if (isRunning()) {
            String out = Commands.run("virsh", "-c", URI, "qemu-monitor-command", name, "--hmp",
                    "qemu-io -d /machine/peripheral/virtio-disk0/virtio-backend \"" + write + "\"");
            if (out.toLowerCase().contains("error")) {
                throw new IllegalStateException("qemu-io in " + name + " failed: " + out.strip());
            }
            // push QEMU's cached qcow2 metadata to the image, so readers outside QEMU see the write
            Commands.run("virsh", "-c", URI, "qemu-monitor-command", name, "--hmp",
                    "qemu-io -d /machine/peripheral/virtio-disk0/virtio-backend \"flush\"");
        } else {
            Commands.run("qemu-io", "-f", "qcow2", "-c", write, disk.toString());
        }
        return this;
    }

    /** SHA-256 (hex) of the disk's guest-visible contents, {@link #diskBytes()} long. */
    public String sha256() {
        return sha256OfImage(disk, "qcow2");
    }

    /**
     * SHA-256 (hex) of any image's guest-visible contents, streamed through a read-only qemu-nbd with
     * image locking off (so a running VM's image can be read; qemu-nbd 7.2 has no --force-share) and
     * nbdcopy: no temporary copy.
     */
    public static String sha256OfImage(Path image, String format) {
        List<String> command = List.of("nbdcopy", "--", "[", "qemu-nbd", "--read-only", "--image-opts",
                "driver=" + format + ",file.driver=file,file.filename=" + image + ",file.locking=off", "]", "-");
        return Commands.run(command, TestVm::sha256Hex);
    }

    static String sha256Hex(InputStream in) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Names of the libvirt checkpoints of this domain. */
    public List<String> checkpoints() {
        return Commands.run("virsh", "-c", URI, "checkpoint-list", name, "--name").lines()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        OPEN.remove(this);
        destroyAndUndefine(name);
        deleteTree(dir);
    }

    private static void destroyAndUndefine(String domain) {
        try {
            Commands.run("virsh", "-c", URI, "destroy", domain);
        } catch (IllegalStateException notRunning) {
            // already off
        }
        try {
            Commands.run("virsh", "-c", URI, "undefine", domain, "--checkpoints-metadata");
        } catch (IllegalStateException gone) {
            // already undefined
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static synchronized void sweepStaleOnce() {
        if (swept) {
            return;
        }
        swept = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(OPEN).forEach(TestVm::close)));
        // Only domains whose folder is gone or older than an hour: another JVM's tests may be running now.
        Commands.run("virsh", "-c", URI, "list", "--all", "--name").lines().map(String::strip)
                .filter(n -> n.startsWith(PREFIX))
                .filter(TestVm::isStale)
                .forEach(n -> {
                    destroyAndUndefine(n);
                    deleteTree(ROOT.resolve(n));
                });
    }

    private static boolean isStale(String domain) {
        Path dir = ROOT.resolve(domain);
        try {
            return !Files.exists(dir)
                    || Files.getLastModifiedTime(dir).toMillis() < System.currentTimeMillis() - 3_600_000L;
        } catch (IOException e) {
            return true;
        }
    }
}
