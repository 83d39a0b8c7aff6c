package io.holdfast.bridge.remote;

import java.io.InputStream;
import java.nio.ByteBuffer;

/** A buffer's remaining bytes as a stream, read in place: a direct buffer is never copied whole to the heap. */
final class ByteBufferInputStream extends InputStream {

    private final ByteBuffer buffer;

    /** @param buffer read from its position to its limit; the caller passes a duplicate to keep its own */
    ByteBufferInputStream(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    @Override
    public int read() {
        return buffer.hasRemaining() ? buffer.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (!buffer.hasRemaining()) {
            return -1;
        }
        int n = Math.min(length, buffer.remaining());
        buffer.get(into, offset, n);
        return n;
    }

    @Override
    public int available() {
        return buffer.remaining();
    }
}
