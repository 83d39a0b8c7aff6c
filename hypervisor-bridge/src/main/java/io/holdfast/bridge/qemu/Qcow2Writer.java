package io.holdfast.bridge.qemu;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a new qcow2 (version 3) image directly, from several threads at once, without qemu-nbd: a restore
 * through qemu-nbd spent more CPU in the NBD round trips than in everything else together (see
 * docs/performance.md). Only what a fresh, sparse, standalone image needs: no backing file, no snapshots,
 * no compression, no encryption, 16-bit refcounts.
 *
 * <p>Layout, in file clusters: 0 the header (written last, so an interrupted write is never a valid
 * image), then the L1 table; then data clusters and L2 tables in the order they are needed (one bump
 * allocator, so every cluster below the end has refcount 1); at {@link #finish()} the refcount blocks and the
 * refcount table after them. L2 entries go to the file as each run of data is written, so memory holds
 * no table and does not grow with the disk. Clusters never written read as zeroes (unallocated).
 */
public final class Qcow2Writer implements AutoCloseable {

    public static final int DEFAULT_CLUSTER_BITS = 16;
    private static final int MAGIC = 0x514649fb;
    private static final int VERSION = 3;
    private static final int HEADER_LENGTH = 112;
    private static final int REFCOUNT_ORDER = 4; // 16-bit refcounts, qemu's default
    /** Set on L1 and L2 entries whose cluster has refcount 1 (every cluster here): it may be written in place. */
    private static final long COPIED = 1L << 63;

    private final ImageFile file;
    private final int clusterBits;
    private final int clusterSize;
    private final long virtualSize;
    private final int l2Entries;
    private final long[] l1;
    private final AtomicLong nextCluster;

    private Qcow2Writer(ImageFile file, int clusterBits, long virtualSize) {
        this.file = file;
        this.clusterBits = clusterBits;
        this.clusterSize = 1 << clusterBits;
        this.virtualSize = virtualSize;
        this.l2Entries = clusterSize / 8;
        long l1Size = ceilDiv(ceilDiv(virtualSize, clusterSize), l2Entries);
        this.l1 = new long[(int) l1Size];
        long l1Clusters = Math.max(1, ceilDiv(l1Size * 8, clusterSize));
        this.nextCluster = new AtomicLong(1 + l1Clusters);
    }

    /** Creates {@code image}, which must not exist, for a disk of {@code virtualSize} bytes. */
    public static Qcow2Writer create(Path image, long virtualSize, int clusterBits) {
        if (clusterBits < 9 || clusterBits > 21 || virtualSize <= 0 || virtualSize % 512 != 0) {
            throw new IllegalArgumentException("cluster bits " + clusterBits + ", size " + virtualSize);
        }
        return new Qcow2Writer(ImageFile.create(image), clusterBits, virtualSize);
    }

    public int clusterSize() {
        return clusterSize;
    }

    /**
     * Writes {@code data} at guest offset {@code offset}, which must be cluster-aligned, into clusters never
     * written before (a restore writes each block once). Thread-safe; the buffer is consumed.
     */
    public void write(long offset, ByteBuffer data) throws IOException {
        if (offset % clusterSize != 0 || offset + data.remaining() > virtualSize) {
            throw new IllegalArgumentException("write of " + data.remaining() + " bytes at " + offset);
        }
        while (data.hasRemaining()) {
            // one run per L2 table: its entries are contiguous, so they go out in one write
            long guestCluster = offset >>> clusterBits;
            int inTable = (int) (guestCluster % l2Entries);
            int clusters = (int) Math.min(ceilDiv(data.remaining(), clusterSize), l2Entries - inTable);
            int bytes = Math.min(data.remaining(), clusters * clusterSize);
            long l2 = l2Table((int) (guestCluster / l2Entries));
            long host = nextCluster.getAndAdd(clusters) << clusterBits;
            writeFully(data.slice(data.position(), bytes), host);
            ByteBuffer entries = ByteBuffer.allocate(clusters * 8);
            for (int i = 0; i < clusters; i++) {
                entries.putLong((host + ((long) i << clusterBits)) | COPIED);
            }
            writeFully(entries.flip(), l2 + inTable * 8L);
            data.position(data.position() + bytes);
            offset += bytes;
        }
    }

    /** The file offset of L2 table {@code index}, allocated on first use. */
    private long l2Table(int index) {
        synchronized (l1) {
            if (l1[index] == 0) {
                l1[index] = nextCluster.getAndIncrement() << clusterBits;
            }
            return l1[index];
        }
    }

    /**
     * Writes the L1 table, the refcounts and last the header, and makes the image durable. Until this
     * returns the file is not a valid image.
     */
    public void finish() throws IOException {
        long used = nextCluster.get();
        int perBlock = clusterSize * 8 / (1 << REFCOUNT_ORDER);
        // the refcount blocks and table count themselves: grow until they cover every cluster, theirs too
        long blocks = 0;
        long tableClusters = 0;
        long total;
        while (true) {
            total = used + blocks + tableClusters;
            long needBlocks = ceilDiv(total, perBlock);
            long needTable = ceilDiv(needBlocks * 8, clusterSize);
            if (needBlocks == blocks && needTable == tableClusters) {
                break;
            }
            blocks = needBlocks;
            tableClusters = needTable;
        }
        long firstBlock = used;
        long table = used + blocks;
        ByteBuffer block = ByteBuffer.allocate(clusterSize);
        for (long b = 0; b < blocks; b++) {
            block.clear();
            for (int i = 0; i < perBlock; i++) {
                block.putShort((short) (b * perBlock + i < total ? 1 : 0));
            }
            writeFully(block.flip(), (firstBlock + b) << clusterBits);
        }
        ByteBuffer tableBytes = ByteBuffer.allocate((int) (tableClusters * clusterSize));
        for (long b = 0; b < blocks; b++) {
            tableBytes.putLong((firstBlock + b) << clusterBits);
        }
        writeFully(tableBytes.clear(), table << clusterBits);
        ByteBuffer l1Bytes = ByteBuffer.allocate(l1.length * 8);
        synchronized (l1) {
            for (long entry : l1) {
                l1Bytes.putLong(entry == 0 ? 0 : entry | COPIED);
            }
        }
        writeFully(l1Bytes.flip(), clusterSize);
        file.force();
        writeFully(header(table, tableClusters), 0);
        file.force();
    }

    private ByteBuffer header(long refcountTableCluster, long refcountTableClusters) {
        ByteBuffer h = ByteBuffer.allocate(HEADER_LENGTH + 8);
        h.putInt(MAGIC).putInt(VERSION);
        h.putLong(0).putInt(0); // no backing file
        h.putInt(clusterBits).putLong(virtualSize);
        h.putInt(0); // no encryption
        h.putInt(l1.length).putLong(clusterSize);
        h.putLong(refcountTableCluster << clusterBits).putInt((int) refcountTableClusters);
        h.putInt(0).putLong(0); // no snapshots
        h.putLong(0).putLong(0).putLong(0); // incompatible, compatible, autoclear features: none
        h.putInt(REFCOUNT_ORDER).putInt(HEADER_LENGTH);
        h.put((byte) 0).put(new byte[7]); // compression type zlib (unused: nothing is compressed), padding
        h.putInt(0).putInt(0); // end of header extensions
        return h.flip();
    }

    private void writeFully(ByteBuffer data, long at) throws IOException {
        file.write(data, at);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    @Override
    public void close() {
        file.close();
    }
}
