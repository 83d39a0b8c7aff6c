package io.holdfast.bridge.remote;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Streams an object to S3 with bounded memory: up to one part is buffered; an object that fits in one
 * part is a single PUT, a bigger one a multipart upload, part by part. Nothing is visible until
 * {@link #close()} completes the upload; a failure aborts it, so no parts are left to pay for.
 */
final class S3UploadStream extends OutputStream {

    private final S3Client client;
    private final String bucket;
    private final String key;
    private final int partSize;
    private byte[] buffer = new byte[64 << 10];
    private int filled;
    private String uploadId;
    private final List<CompletedPart> parts = new ArrayList<>();
    private boolean closed;

    S3UploadStream(S3Client client, String bucket, String key, int partSize) {
        this.client = client;
        this.bucket = bucket;
        this.key = key;
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
                uploadPart();
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

    private RequestBody body() {
        return RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, filled), filled);
    }

    private void uploadPart() throws IOException {
        try {
            if (uploadId == null) {
                uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
            }
            int number = parts.size() + 1;
            String etag = client.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                    .contentLength((long) filled), body()).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            filled = 0;
        } catch (SdkException e) {
            abort();
            throw S3Errors.io(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (uploadId == null) {
                client.putObject(b -> b.bucket(bucket).key(key).contentLength((long) filled), body());
            } else {
                if (filled > 0) {
                    uploadPart();
                }
                client.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts)));
            }
        } catch (SdkException e) {
            abort();
            throw S3Errors.io(e);
        } finally {
            buffer = null;
        }
    }

    private void abort() {
        if (uploadId == null) {
            return;
        }
        try {
            client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException ignored) {
            // the upload failed already; a bucket lifecycle rule cleans what an abort cannot
        }
        uploadId = null;
    }
}
