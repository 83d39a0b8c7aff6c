package io.holdfast.bridge.restore;

import io.holdfast.bridge.nbd.NbdClient;
import io.holdfast.bridge.qemu.QemuImages;
import io.holdfast.bridge.qemu.QemuNbdServer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/** Where restored blocks go: a sparse raw file directly, or a new qcow2 through qemu-nbd. */
interface BlockSink extends AutoCloseable {

    void write(long offset, ByteBuffer data) throws Exception;

    void flush() throws Exception;

    @Override
    void close();

    static BlockSink create(Path image, String format, long size, Path socketDir) {
        if ("raw".equals(format)) {
            return RawSink.create(image, size);
        }
        if ("qcow2".equals(format)) {
            QemuImages.create(image, "qcow2", size);
            QemuNbdServer server = QemuNbdServer.start(image, "qcow2", socketDir.resolve("restore-" + System.nanoTime() + ".sock"),
                    false, Optional.empty());
            try {
                return new NbdSink(server, NbdClient.connect(server.address(), "", List.of()));
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }
        throw new RestoreException("unsupported image format '" + format + "' (qcow2 or raw)");
    }

    /** A sparse raw file: untouched ranges read as zeroes. */
    final class RawSink implements BlockSink {
        private final FileChannel channel;

        private RawSink(FileChannel channel) {
            this.channel = channel;
        }

        static RawSink create(Path image, long size) {
            try {
                try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
                    f.setLength(size);
                }
                return new RawSink(FileChannel.open(image, StandardOpenOption.WRITE));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + image, e);
            }
        }

        @Override
        public void write(long offset, ByteBuffer data) throws IOException {
            while (data.hasRemaining()) {
                offset += channel.write(data, offset);
            }
        }

        @Override
        public void flush() throws IOException {
            channel.force(false);
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing after a failure
            }
        }
    }

    /** A new qcow2 written over NBD: qemu-nbd keeps it sparse and in the right format. */
    final class NbdSink implements BlockSink {
        private final QemuNbdServer server;
        private final NbdClient client;

        NbdSink(QemuNbdServer server, NbdClient client) {
            this.server = server;
            this.client = client;
        }

        @Override
        public void write(long offset, ByteBuffer data) throws Exception {
            client.write(offset, data).get();
        }

        @Override
        public void flush() throws Exception {
            client.flush().get();
        }

        @Override
        public void close() {
            client.close();
            server.close();
        }
    }
}
