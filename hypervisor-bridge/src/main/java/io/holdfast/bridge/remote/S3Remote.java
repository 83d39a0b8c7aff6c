package io.holdfast.bridge.remote;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * S3 through Commons VFS (our {@link S3FileProvider}) for reads, listings, deletes and touches; two
 * operations go to the SDK directly. {@link #stat} is one HEAD request: backups stat every new chunk's
 * key before writing it, and through VFS a missing key costs a HEAD and then a LIST (is it a "folder"?);
 * S3 has no folders and the datastore only stats objects, so a missing key is simply absent here.
 * {@link #put} uploads the caller's buffer in place ({@link S3Upload}): through VFS's output stream every
 * byte would be copied into a part buffer first (docs/performance.md has what that cost).
 */
final class S3Remote extends ForwardingRemote {

    private final S3Client client;
    private final String bucket;
    private final String prefix;

    S3Remote(Remote files, S3Client client, RemoteConfig.S3 config) {
        super(files);
        this.client = client;
        this.bucket = config.bucket();
        String p = config.prefix() == null ? "" : config.prefix().replaceAll("^/+|/+$", "");
        this.prefix = p.isEmpty() ? "" : p + "/";
    }

    @Override
    protected <T> T call(String operation, long bytes, Supplier<T> work) {
        return work.get();
    }

    @Override
    public void put(String path, ByteBuffer data) {
        try {
            S3Upload.put(client, bucket, prefix + RemotePaths.check(path), data, S3FileProvider.PART_SIZE);
        } catch (IOException e) {
            throw RemoteFailures.classify("cannot write " + path + " on " + describe(), e);
        }
    }

    @Override
    public Optional<RemoteEntry> stat(String path) {
        String key = prefix + RemotePaths.check(path);
        try {
            HeadObjectResponse head = client.headObject(b -> b.bucket(bucket).key(key));
            return Optional.of(new RemoteEntry(key.substring(key.lastIndexOf('/') + 1), false, head.contentLength(),
                    head.lastModified()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw RemoteFailures.classify("cannot stat " + path + " on " + describe(), S3Errors.io(e));
        } catch (SdkException e) {
            throw RemoteFailures.classify("cannot stat " + path + " on " + describe(), S3Errors.io(e));
        }
    }
}
