package io.holdfast.bridge.remote;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One object's upload from memory: a single PUT, or a multipart upload when more than one part is sent.
 * Nothing is visible until {@link #finish} completes it; a failure aborts a multipart upload, so no
 * parts are left to pay for. Bodies are read in place from the caller's buffers (the SDK opens each one
 * twice over plain HTTP: once to sign it, once to send it), never copied.
 */
final class S3Upload {

    private final S3Client client;
    private final String bucket;
    private final String key;
    private String uploadId;
    private final List<CompletedPart> parts = new ArrayList<>();
    /** Aborted (a part failed): finishing must not put what is left as if it were the whole object. */
    private boolean failed;

    S3Upload(S3Client client, String bucket, String key) {
        this.client = client;
        this.bucket = bucket;
        this.key = key;
    }

    /** Uploads {@code data} (position to limit) as one object, in parts of {@code partSize} if it is larger. */
    static void put(S3Client client, String bucket, String key, ByteBuffer data, int partSize) throws IOException {
        S3Upload upload = new S3Upload(client, bucket, key);
        ByteBuffer rest = data.duplicate();
        while (rest.remaining() > partSize) {
            upload.part(rest.slice(rest.position(), partSize));
            rest.position(rest.position() + partSize);
        }
        upload.finish(rest);
    }

    /** Sends one part (at least 5 MiB, S3's minimum for all but the last) of a multipart upload. */
    void part(ByteBuffer data) throws IOException {
        checkNotFailed();
        try {
            if (uploadId == null) {
                uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
            }
            int number = parts.size() + 1;
            String etag = client.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                    .contentLength((long) data.remaining()), body(data)).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        } catch (SdkException e) {
            abort();
            throw S3Errors.io(e);
        }
    }

    /** Sends the last bytes and makes the object visible: a single PUT if no part was sent before. */
    void finish(ByteBuffer last) throws IOException {
        checkNotFailed();
        if (uploadId == null) {
            try {
                client.putObject(b -> b.bucket(bucket).key(key).contentLength((long) last.remaining()), body(last));
                return;
            } catch (SdkException e) {
                throw S3Errors.io(e);
            }
        }
        if (last.hasRemaining()) {
            part(last);
        }
        try {
            client.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (SdkException e) {
            abort();
            throw S3Errors.io(e);
        }
    }

    private void checkNotFailed() throws IOException {
        if (failed) {
            throw new IOException("the upload of " + key + " failed already");
        }
    }

    /** Ends the upload unfinished: parts sent are discarded, and nothing more can be sent or finished. */
    void abort() {
        failed = true;
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

    private static RequestBody body(ByteBuffer data) {
        ByteBuffer body = data.duplicate();
        return RequestBody.fromContentProvider(() -> new ByteBufferInputStream(body.duplicate()), body.remaining(),
                "application/octet-stream");
    }
}
