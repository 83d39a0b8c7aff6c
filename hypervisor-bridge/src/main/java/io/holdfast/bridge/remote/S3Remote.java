package io.holdfast.bridge.remote;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * S3 through Commons VFS (our {@link S3FileProvider}), with {@link #stat} answered by one HEAD request.
 * Backups stat every new chunk's key before writing it: through VFS a missing key costs a HEAD and then a
 * LIST (is it a "folder"?). S3 has no folders, and the datastore only stats objects, so a missing key is
 * simply absent here.
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
