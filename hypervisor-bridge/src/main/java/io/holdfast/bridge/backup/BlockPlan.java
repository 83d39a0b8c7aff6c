package io.holdfast.bridge.backup;

import io.holdfast.bridge.datastore.FixedIndex;
import io.holdfast.bridge.datastore.FormatV1;
import io.holdfast.bridge.nbd.Extent;

import java.util.BitSet;

/**
 * Decides, per 4 MiB block, whether a backup must read it. Pure: fed with block-status extents, so it is
 * table-tested without a VM. A block that reads as zeroes is never read; with a usable dirty bitmap a clean
 * block keeps the previous index's digest; anything the server did not describe is read.
 */
public final class BlockPlan {

    public enum Action { ZERO, REUSE, READ }

    private final long diskSize;
    private final int blocks;
    private final BitSet hasData = new BitSet();
    private final BitSet describedAllocation = new BitSet();
    private final BitSet dirty = new BitSet();
    private final boolean incremental;

    /** @param incremental whether dirty extents will be given (a usable bitmap and a previous index) */
    public BlockPlan(long diskSize, boolean incremental) {
        this.diskSize = diskSize;
        this.blocks = (int) FixedIndex.chunkCount(diskSize);
        this.incremental = incremental;
    }

    /** Adds {@code base:allocation} extents. */
    public void allocation(Iterable<Extent> extents) {
        for (Extent e : extents) {
            int first = block(e.offset());
            int last = block(Math.min(e.end(), diskSize) - 1);
            if (e.length() == 0 || first >= blocks) {
                continue;
            }
            if (!e.has(Extent.ZERO)) {
                hasData.set(first, last + 1);
            }
            // a block counts as described only when extents cover all of it
            for (int b = first; b <= last; b++) {
                long blockStart = (long) b * FormatV1.CHUNK_SIZE;
                long blockEnd = Math.min(blockStart + FormatV1.CHUNK_SIZE, diskSize);
                long overlap = Math.min(e.end(), blockEnd) - Math.max(e.offset(), blockStart);
                if (overlap == blockEnd - blockStart) {
                    describedAllocation.set(b);
                } else {
                    addCoverage(b, overlap);
                }
            }
        }
    }

    /** Adds {@code qemu:dirty-bitmap:*} extents. */
    public void dirty(Iterable<Extent> extents) {
        for (Extent e : extents) {
            if (e.length() == 0 || !e.has(Extent.DIRTY)) {
                continue;
            }
            int first = block(e.offset());
            int last = block(Math.min(e.end(), diskSize) - 1);
            dirty.set(first, Math.min(last + 1, blocks));
        }
    }

    public int blocks() {
        return blocks;
    }

    public Action action(int block) {
        if (describedAllocation.get(block) && !hasData.get(block)) {
            return Action.ZERO;
        }
        if (incremental && !dirty.get(block)) {
            return Action.REUSE;
        }
        return Action.READ;
    }

    /** Bytes the backup will read. */
    public long bytesToRead() {
        long total = 0;
        for (int b = 0; b < blocks; b++) {
            if (action(b) == Action.READ) {
                total += Math.min(FormatV1.CHUNK_SIZE, diskSize - (long) b * FormatV1.CHUNK_SIZE);
            }
        }
        return total;
    }

    private int block(long offset) {
        return (int) (offset / FormatV1.CHUNK_SIZE);
    }

    // partial coverage of a block by several extents (rare: only at extent boundaries inside a block)
    private final java.util.Map<Integer, Long> partial = new java.util.HashMap<>();

    private long coverage(int block) {
        return partial.getOrDefault(block, 0L);
    }

    private void addCoverage(int block, long bytes) {
        long total = partial.merge(block, bytes, Long::sum);
        long blockLength = Math.min(FormatV1.CHUNK_SIZE, diskSize - (long) block * FormatV1.CHUNK_SIZE);
        if (total >= blockLength) {
            describedAllocation.set(block);
            partial.remove(block);
        }
    }
}
