package io.holdfast.bridge.qemu;

import io.holdfast.bridge.testing.Commands;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The qcow2 images {@link Qcow2Writer} writes, judged by QEMU's own tools: {@code qemu-img check} finds no
 * error or leak, {@code qemu-img compare} finds the same contents as a raw file written alike, and what
 * was never written stays unallocated. Small clusters make the same code cross many L2 tables, refcount
 * blocks and a refcount table of several clusters, and take the page-cache path for unaligned data.
 */
class Qcow2WriterIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "cluster bits {0}, {1} bytes")
    @CsvSource({"9, 8390144", "12, 33554432", "16, 71303168", "16, 1073741824"})
    void writesAnImageQemuReadsBackExactly(int clusterBits, long size) throws Exception {
        Path image = dir.resolve("image.qcow2");
        Path raw = dir.resolve("image.raw");
        int cluster = 1 << clusterBits;
        List<long[]> writes = plan(size, cluster, new Random(clusterBits * 31L + size));
        try (RandomAccessFile reference = new RandomAccessFile(raw.toFile(), "rw");
             Qcow2Writer writer = Qcow2Writer.create(image, size, clusterBits)) {
            reference.setLength(size);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (long[] w : writes) {
                byte[] data = new byte[(int) w[1]];
                new Random(w[0]).nextBytes(data);
                reference.seek(w[0]);
                reference.write(data);
                // direct buffers aligned like a restore's, so the O_DIRECT path is taken where it applies
                ByteBuffer buffer = ByteBuffer.allocateDirect(data.length + 8192).alignedSlice(4096).put(data).flip();
                done.add(pool.submit(() -> {
                    writer.write(w[0], buffer);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            writer.finish();
        }
        assertThat(Commands.run("qemu-img", "check", "-f", "qcow2", image.toString())).contains("No errors were found on the image.");
        Commands.run("qemu-img", "compare", "-f", "raw", "-F", "qcow2", raw.toString(), image.toString()); // exit 0: identical
        String map = Commands.run("qemu-img", "map", "--output=json", "-f", "qcow2", image.toString());
        assertThat(map).as("what was never written (the first cluster and more) is a hole")
                .startsWith("[{ \"start\": 0, \"length\": " + writes.getFirst()[0] + ",").contains("\"data\": false");
        assertThat(Files.size(image)).as("only written clusters take space").isLessThan(size / 2 + 64L * cluster);
    }

    @org.junit.jupiter.api.Test
    void refusesUnalignedOrOutOfRangeWrites() {
        try (Qcow2Writer writer = Qcow2Writer.create(dir.resolve("bad.qcow2"), 2L << 20, 16)) {
            assertThatThrownBy(() -> writer.write(100, ByteBuffer.allocate(512))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> writer.write(1L << 20, ByteBuffer.allocate(2 << 20))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /**
     * {offset, length} pairs: runs of 1..40 clusters at cluster-aligned offsets, never overlapping, about a
     * third of the disk, skipping the first cluster; the last run ends at the disk's end (a partial
     * cluster when the size is not a multiple of the cluster).
     */
    private static List<long[]> plan(long size, int cluster, Random random) {
        List<long[]> writes = new ArrayList<>();
        long at = cluster;
        long budget = Math.min(size / 3, 48L << 20);
        long written = 0;
        while (written < budget) {
            at += (long) random.nextInt(60) * cluster;
            long length = (long) (1 + random.nextInt(40)) * cluster;
            if (at + length >= size - cluster) {
                break;
            }
            writes.add(new long[]{at, length});
            written += length;
            at += length;
        }
        long lastStart = (size - 1) / cluster * cluster;
        if (lastStart >= at) {
            writes.add(new long[]{lastStart, size - lastStart});
        }
        return writes;
    }
}
