package io.holdfast.bridge.remote;

import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Streams an object to S3 with bounded memory: up to one part is buffered; an object that fits in one
 * part is a single PUT, a bigger one a multipart upload, part by part ({@link S3Upload}). Nothing is
 * visible until {@link #close()} completes the upload; a failure aborts it.
 */
final class S3UploadStream extends OutputStream {

    private final S3Upload upload;
    private final int partSize;
    private byte[] buffer = new byte[64 << 10];
    private int filled;
    private boolean closed;

    S3UploadStream(S3Client client, String bucket, String key, int partSize) {
        this.upload = new S3Upload(client, bucket, key);
        this.partSize = partSize;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        while (length > 0) {
            if (filled == partSize) {
                upload.part(ByteBuffer.wrap(buffer, 0, filled));
                filled = 0;
            }
            int n = Math.min(length, partSize - filled);
            if (filled + n > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(partSize, Math.max(buffer.length * 2, filled + n)));
            }
            System.arraycopy(data, offset, buffer, filled, n);
            filled += n;
            offset += n;
            length -= n;
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            upload.finish(ByteBuffer.wrap(buffer, 0, filled));
        } finally {
            buffer = null;
        }
    }
}
