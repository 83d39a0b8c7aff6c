package io.holdfast.bridge.remote;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;

/**
 * S3 failures as IOExceptions whose message carries the S3 error code and HTTP status, so
 * {@link RemoteFailures} can tell a permanent error (NoSuchBucket, InvalidAccessKeyId,
 * SignatureDoesNotMatch, AccessDenied) from a transient one (5xx, SlowDown, a lost connection).
 */
final class S3Errors {

    private S3Errors() {
    }

    static IOException io(SdkException e) {
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            return new IOException("S3 " + (code == null ? "error" : code) + " (HTTP " + s3.statusCode() + "): "
                    + (s3.awsErrorDetails() == null ? s3.getMessage() : s3.awsErrorDetails().errorMessage()), e);
        }
        return new IOException(e.getMessage(), e);
    }
}
