package io.holdfast.bridge.datastore;

import java.nio.ByteBuffer;

/**
 * The direct buffers one worker reads chunks through: the blob as stored and the block it decodes to. A verify
 * or rollback holds one pair per worker; a restore holds only the blob per worker and decodes into a
 * {@link BlockPool} shared by all, so it can keep more reads in flight for the same memory. Either way memory is
 * fixed by the number of workers, whatever the size of the disk or the number of chunks, and no chunk passes
 * through the Java heap.
 */
public final class ChunkBuffers {

    /** Direct I/O needs buffers aligned to the file system's block; 4 KiB covers the usual ones. */
    private static final int ALIGN = 4096;

    /** Placed so that a stored-as-is blob's payload (after its header) starts aligned. */
    final ByteBuffer blob = ByteBuffer.allocateDirect(ChunkCodec.maxBlobLength() + 3 * ALIGN).alignedSlice(ALIGN)
            .slice(ALIGN - FormatV1.BLOB_HEADER_LENGTH, ChunkCodec.maxBlobLength());
    /** Null when the worker decodes through a {@link BlockPool}. */
    final ByteBuffer block;

    public ChunkBuffers() {
        this(true);
    }

    private ChunkBuffers(boolean withBlock) {
        block = withBlock ? newBlock() : null;
    }

    /** The blob buffer only, for a worker that decodes into a shared {@link BlockPool}. */
    public static ChunkBuffers blobOnly() {
        return new ChunkBuffers(false);
    }

    static ByteBuffer newBlock() {
        return ByteBuffer.allocateDirect(FormatV1.CHUNK_SIZE + ALIGN).alignedSlice(ALIGN).slice(0, FormatV1.CHUNK_SIZE);
    }
}
