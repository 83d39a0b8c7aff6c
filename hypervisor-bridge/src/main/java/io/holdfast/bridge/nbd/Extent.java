package io.holdfast.bridge.nbd;

/**
 * One run of a block-status answer: {@code length} bytes from {@code offset} with {@code flags}. For
 * {@code base:allocation} bit 0 is a hole and bit 1 reads as zeroes; for {@code qemu:dirty-bitmap:*} bit 0
 * is dirty.
 */
public record Extent(long offset, long length, int flags) {

    public static final int HOLE = 1;
    public static final int ZERO = 2;
    public static final int DIRTY = 1;

    public long end() {
        return offset + length;
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }
}
