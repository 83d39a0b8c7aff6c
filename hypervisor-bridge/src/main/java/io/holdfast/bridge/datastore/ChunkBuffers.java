package io.holdfast.bridge.datastore;

import java.nio.ByteBuffer;

/**
 * The two direct buffers one worker reads chunks through: the blob as stored and the block it decodes to.
 * A restore or verify holds one per worker, so its memory is {@code workers × ~8 MiB} whatever the size of
 * the disk or the number of chunks, and no chunk passes through the Java heap.
 */
public final class ChunkBuffers {

    /** Direct I/O needs buffers aligned to the file system's block; 4 KiB covers the usual ones. */
    private static final int ALIGN = 4096;

    /** Placed so that a stored-as-is blob's payload (after its header) starts aligned. */
    final ByteBuffer blob = ByteBuffer.allocateDirect(ChunkCodec.maxBlobLength() + 3 * ALIGN).alignedSlice(ALIGN)
            .slice(ALIGN - FormatV1.BLOB_HEADER_LENGTH, ChunkCodec.maxBlobLength());
    final ByteBuffer block = ByteBuffer.allocateDirect(FormatV1.CHUNK_SIZE + ALIGN).alignedSlice(ALIGN).slice(0, FormatV1.CHUNK_SIZE);
}
