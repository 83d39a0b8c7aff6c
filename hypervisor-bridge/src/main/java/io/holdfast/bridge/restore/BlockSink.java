package io.holdfast.bridge.restore;

import io.holdfast.bridge.qemu.ImageFile;
import io.holdfast.bridge.qemu.Qcow2Writer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Where restored blocks go: a new image, written from several threads at once. Ranges never written read as
 * zeroes, so a restore writes only the data it holds and leaves every zero range a hole.
 */
interface BlockSink extends AutoCloseable {

    /** Writes {@code data} at {@code offset} (aligned to 64 KiB, written once); the buffer is consumed. */
    void write(long offset, ByteBuffer data) throws IOException;

    /** Makes the image complete and durable. */
    void finish() throws IOException;

    @Override
    void close();

    static BlockSink create(Path image, String format, long size) {
        return switch (format) {
            case "raw" -> RawSink.create(image, size);
            case "qcow2" -> new Qcow2Sink(Qcow2Writer.create(image, size, Qcow2Writer.DEFAULT_CLUSTER_BITS));
            default -> throw new RestoreException("unsupported image format '" + format + "' (qcow2 or raw)");
        };
    }

    /** A sparse raw file. */
    record RawSink(ImageFile file) implements BlockSink {

        static RawSink create(Path image, long size) {
            ImageFile file = ImageFile.create(image);
            try {
                file.setLength(size);
                return new RawSink(file);
            } catch (IOException e) {
                file.close();
                throw new UncheckedIOException("cannot create " + image, e);
            }
        }

        @Override
        public void write(long offset, ByteBuffer data) throws IOException {
            file.write(data, offset);
        }

        @Override
        public void finish() throws IOException {
            file.force();
        }

        @Override
        public void close() {
            file.close();
        }
    }

    /** A new qcow2, written directly (see {@link Qcow2Writer} for why not through qemu-nbd). */
    record Qcow2Sink(Qcow2Writer writer) implements BlockSink {

        @Override
        public void write(long offset, ByteBuffer data) throws IOException {
            writer.write(offset, data);
        }

        @Override
        public void finish() throws IOException {
            writer.finish();
        }

        @Override
        public void close() {
            writer.close();
        }
    }
}
