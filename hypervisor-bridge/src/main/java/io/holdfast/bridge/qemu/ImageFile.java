package io.holdfast.bridge.qemu;

import com.sun.nio.file.ExtendedOpenOption;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A new image file that bulk data reaches with direct I/O ({@code O_DIRECT}) where the file system allows:
 * on this machine kind a buffered write of a restored disk cost ~4 s of kernel CPU per 1.5 GB (the copy
 * into the page cache and the inode lock the writers contend for) against ~1 s direct, and a direct
 * restore does not push the hypervisor's own cache out. Writes that are not aligned to the file system's
 * block (metadata, a disk's last partial block) go through the page cache; {@link #force()} makes both
 * durable. Thread-safe: positional writes only.
 */
public final class ImageFile implements AutoCloseable {

    private final Path file;
    private final FileChannel buffered;
    private final FileChannel direct;
    private final int alignment;

    private ImageFile(Path file, FileChannel buffered, FileChannel direct, int alignment) {
        this.file = file;
        this.buffered = buffered;
        this.direct = direct;
        this.alignment = alignment;
    }

    /** Creates {@code file}, which must not exist. */
    public static ImageFile create(Path file) {
        FileChannel buffered;
        try {
            buffered = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
        FileChannel direct = null;
        int alignment = 0;
        try {
            long block = Files.getFileStore(file).getBlockSize();
            if (Boolean.parseBoolean(System.getProperty("holdfast.direct-io", "true")) && Long.bitCount(block) == 1 && block <= 65536) {
                direct = FileChannel.open(file, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
                alignment = (int) block;
            }
        } catch (IOException | UnsupportedOperationException e) {
            // a file system without O_DIRECT (tmpfs on older kernels, some FUSE): the page cache it is
        }
        return new ImageFile(file, buffered, direct, alignment);
    }

    /** Whether bulk writes bypass the page cache. */
    public boolean direct() {
        return direct != null;
    }

    /** Writes all of {@code data} at {@code at}: the aligned part directly, the rest through the page cache. */
    public void write(ByteBuffer data, long at) throws IOException {
        if (direct != null && data.isDirect() && at % alignment == 0 && data.alignmentOffset(data.position(), alignment) == 0) {
            int aligned = data.remaining() - data.remaining() % alignment;
            if (aligned > 0) {
                ByteBuffer part = data.slice(data.position(), aligned);
                long to = at;
                while (part.hasRemaining()) {
                    to += direct.write(part, to);
                }
                data.position(data.position() + aligned);
                at += aligned;
            }
        }
        while (data.hasRemaining()) {
            at += buffered.write(data, at);
        }
    }

    /** Extends the file to {@code length} with a hole (reads as zeroes, takes no space). */
    public void setLength(long length) throws IOException {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            if (f.length() < length) {
                f.setLength(length);
            }
        }
    }

    /** Makes everything written durable, data and metadata. */
    public void force() throws IOException {
        buffered.force(true);
    }

    @Override
    public void close() {
        try {
            buffered.close();
            if (direct != null) {
                direct.close();
            }
        } catch (IOException ignored) {
            // closing after force() or after a failure the caller reports
        }
    }
}
