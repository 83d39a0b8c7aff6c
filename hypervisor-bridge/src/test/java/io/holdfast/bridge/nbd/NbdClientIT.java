package io.holdfast.bridge.nbd;

import io.holdfast.bridge.qemu.QemuNbdServer;
import io.holdfast.bridge.testing.Commands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The NBD client against real servers: nbdkit (memory, pattern) and qemu-nbd. */
class NbdClientIT {

    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void readsTheNbdkitPatternWithManyRequestsInFlight() throws Exception {
        Path socket = dir.resolve("pattern.sock");
        try (Server ignored = Server.nbdkit(socket, "pattern", "size=64M");
             NbdClient client = NbdClient.connect(NbdAddress.unix(socket), "", List.of())) {
            assertThat(client.size()).isEqualTo(64L * MIB);
            List<CompletableFuture<Void>> reads = new ArrayList<>();
            List<ByteBuffer> buffers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                ByteBuffer b = ByteBuffer.allocate(4 * MIB);
                buffers.add(b);
                reads.add(client.read((long) i * 4 * MIB, b));
            }
            CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            for (int i = 0; i < 16; i++) {
                ByteBuffer b = buffers.get(i);
                // the pattern plugin: every 8-byte word holds its own offset, big-endian
                for (int word = 0; word < 4 * MIB; word += 512 * 1024) {
                    assertThat(b.getLong(word)).isEqualTo((long) i * 4 * MIB + word);
                }
            }
        }
    }

    @Test
    void writesReadsBackAndReportsAllocationOnNbdkitMemory() throws Exception {
        Path socket = dir.resolve("memory.sock");
        try (Server ignored = Server.nbdkit(socket, "memory", "size=32M");
             NbdClient client = NbdClient.connect(NbdAddress.unix(socket), "", List.of("base:allocation"))) {
            assertThat(client.canMultiConn()).isTrue();
            List<Extent> before = client.blockStatus("base:allocation", 0, 32 * MIB);
            assertThat(before.getFirst().has(Extent.HOLE)).isTrue();

            ByteBuffer data = ByteBuffer.allocate(MIB);
            while (data.hasRemaining()) {
                data.put((byte) 0x5a);
            }
            client.write(8L * MIB, data.flip()).get(10, TimeUnit.SECONDS);
            client.flush().get(10, TimeUnit.SECONDS);

            ByteBuffer back = ByteBuffer.allocate(2 * MIB);
            client.read(7L * MIB, back).get(10, TimeUnit.SECONDS);
            assertThat(back.get(0)).isZero();
            assertThat(back.get(MIB)).isEqualTo((byte) 0x5a);
            assertThat(back.get(2 * MIB - 1)).isEqualTo((byte) 0x5a);

            List<Extent> after = client.blockStatus("base:allocation", 8L * MIB, MIB);
            assertThat(after.getFirst().offset()).isEqualTo(8L * MIB);
            assertThat(after.getFirst().has(Extent.HOLE)).isFalse();
        }
    }

    @Test
    void qemuNbdServesAQcow2WithHolesAndData() throws Exception {
        Path image = dir.resolve("disk.qcow2");
        Commands.run("qemu-img", "create", "-q", "-f", "qcow2", image.toString(), "64M");
        Commands.run("qemu-io", "-f", "qcow2", "-c", "write -P 0xab 16M 4M", image.toString());
        try (QemuNbdServer server = QemuNbdServer.start(image, "qcow2", dir.resolve("q.sock"), true, Optional.empty());
             NbdClient client = NbdClient.connect(server.address(), "", List.of("base:allocation"))) {
            assertThat(client.readOnly()).isTrue();
            List<Extent> extents = new ArrayList<>();
            long offset = 0;
            while (offset < client.size()) {
                List<Extent> e = client.blockStatus("base:allocation", offset, (int) Math.min(client.size() - offset, 1L << 30));
                extents.addAll(e);
                offset = e.getLast().end();
            }
            assertThat(extents).anySatisfy(e -> {
                assertThat(e.offset()).isEqualTo(16L * MIB);
                assertThat(e.has(Extent.HOLE)).isFalse();
            });
            assertThat(extents.stream().filter(e -> !e.has(Extent.ZERO)).mapToLong(Extent::length).sum()).isEqualTo(4L * MIB);

            ByteBuffer b = ByteBuffer.allocate(8 * MIB);
            client.read(14L * MIB, b).get(10, TimeUnit.SECONDS);
            assertThat(b.get(0)).isZero();
            assertThat(b.get(2 * MIB)).isEqualTo((byte) 0xab);
            assertThat(b.get(6 * MIB - 1)).isEqualTo((byte) 0xab);
            assertThat(b.get(6 * MIB)).isZero();

            assertThatThrownBy(() -> client.write(0, ByteBuffer.allocate(512)).join())
                    .hasMessageContaining("read-only");
        }
    }

    @Test
    void unknownExportAndMissingServerAreClearErrors() throws Exception {
        Path socket = dir.resolve("memory.sock");
        try (Server ignored = Server.nbdkit(socket, "memory", "size=1M")) {
            assertThatThrownBy(() -> NbdClient.connect(NbdAddress.unix(socket), "", List.of("qemu:dirty-bitmap:nope")))
                    .isInstanceOf(NbdException.class).hasMessageContaining("qemu:dirty-bitmap:nope");
        }
        assertThatThrownBy(() -> NbdClient.connect(NbdAddress.unix(dir.resolve("absent.sock")), "", List.of()))
                .isInstanceOf(NbdException.class).hasMessageContaining("cannot connect");
    }

    /** An nbdkit in the foreground on a Unix socket. */
    private record Server(Process process) implements AutoCloseable {
        static Server nbdkit(Path socket, String plugin, String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of("nbdkit", "--foreground", "--unix", socket.toString(), plugin));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            // the socket file appears at bind(), before nbdkit listens: ready means a connection is accepted
            for (int i = 0; i < 500 && !accepts(socket); i++) {
                Thread.sleep(10);
            }
            assertThat(accepts(socket)).as("nbdkit listens on %s", socket).isTrue();
            return new Server(p);
        }

        private static boolean accepts(Path socket) {
            if (!Files.exists(socket)) {
                return false;
            }
            try (java.nio.channels.SocketChannel probe = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
                return probe.connect(java.net.UnixDomainSocketAddress.of(socket));
            } catch (java.io.IOException e) {
                return false;
            }
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
