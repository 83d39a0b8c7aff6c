package io.holdfast.bridge.datastore;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import static io.holdfast.bridge.datastore.FormatV1.*;

/**
 * The fixed index of one disk in one snapshot: a digest per {@link FormatV1#CHUNK_SIZE} block, in order;
 * {@link FormatV1#ZERO_BLOCK_MARKER} for a block that reads as zeroes. Every snapshot's index is complete,
 * so any snapshot restores on its own.
 */
public final class FixedIndex {

    private final long diskSize;
    private final byte[] digests;

    public FixedIndex(long diskSize) {
        this.diskSize = diskSize;
        long count = chunkCount(diskSize);
        if (count * DIGEST_LENGTH > Integer.MAX_VALUE) {
            throw new DatastoreException("disk of " + diskSize + " bytes is too large for one index");
        }
        this.digests = new byte[(int) count * DIGEST_LENGTH];
    }

    public static long chunkCount(long diskSize) {
        return (diskSize + CHUNK_SIZE - 1) / CHUNK_SIZE;
    }

    public long diskSize() {
        return diskSize;
    }

    public int chunkCount() {
        return digests.length / DIGEST_LENGTH;
    }

    /** Bytes of block {@code i} (the last block may be short). */
    public int blockLength(int i) {
        return (int) Math.min(CHUNK_SIZE, diskSize - (long) i * CHUNK_SIZE);
    }

    public Digest get(int i) {
        return Digest.of(Arrays.copyOfRange(digests, i * DIGEST_LENGTH, (i + 1) * DIGEST_LENGTH));
    }

    public synchronized void set(int i, Digest digest) {
        System.arraycopy(digest.bytes(), 0, digests, i * DIGEST_LENGTH, DIGEST_LENGTH);
    }

    /** The distinct digests of stored (non-zero) blocks. */
    public Set<Digest> storedDigests() {
        Set<Digest> set = new LinkedHashSet<>();
        for (int i = 0; i < chunkCount(); i++) {
            Digest d = get(i);
            if (!d.isZeroBlock()) {
                set.add(d);
            }
        }
        return set;
    }

    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(INDEX_HEADER_LENGTH + digests.length);
        b.put(INDEX_MAGIC).putInt(VERSION).putInt(CHUNK_SIZE).putLong(diskSize).putLong(chunkCount());
        b.position(INDEX_HEADER_LENGTH);
        b.put(digests);
        return b.array();
    }

    public static FixedIndex parse(byte[] bytes, String name) {
        if (bytes.length < INDEX_HEADER_LENGTH || !Arrays.equals(bytes, 0, INDEX_MAGIC.length, INDEX_MAGIC, 0, INDEX_MAGIC.length)) {
            throw new DatastoreException("index " + name + " is corrupt (bad header)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        b.position(INDEX_MAGIC.length);
        int version = b.getInt();
        int chunkSize = b.getInt();
        long diskSize = b.getLong();
        long count = b.getLong();
        if (version != VERSION || chunkSize != CHUNK_SIZE || count != chunkCount(diskSize)
                || bytes.length != INDEX_HEADER_LENGTH + count * DIGEST_LENGTH) {
            throw new DatastoreException("index " + name + " is corrupt (version " + version + ", chunk size " + chunkSize
                    + ", " + count + " chunks for " + diskSize + " bytes, " + bytes.length + " bytes long)");
        }
        FixedIndex index = new FixedIndex(diskSize);
        System.arraycopy(bytes, INDEX_HEADER_LENGTH, index.digests, 0, index.digests.length);
        return index;
    }
}
