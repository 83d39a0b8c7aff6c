package io.holdfast.bridge.datastore;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A fixed number of block buffers that restore workers decode into, one at a time each. A worker waits for a
 * fetched chunk far longer than it decodes and writes it, so many workers fetching need only a few blocks.
 */
public final class BlockPool {

    private final BlockingQueue<ByteBuffer> free;

    public BlockPool(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a block pool needs at least one block, not " + size);
        }
        free = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            free.add(ChunkBuffers.newBlock());
        }
    }

    ByteBuffer take() throws InterruptedException {
        return free.take();
    }

    void give(ByteBuffer block) {
        free.add(block.clear());
    }
}
