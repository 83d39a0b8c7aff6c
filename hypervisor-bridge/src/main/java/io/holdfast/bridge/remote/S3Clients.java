package io.holdfast.bridge.remote;

import org.apache.commons.vfs2.FileObject;
import org.apache.commons.vfs2.FileSystemException;
import org.apache.commons.vfs2.impl.StandardFileSystemManager;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.S3Exception;

import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;

import java.time.Duration;

/** Opens S3 remotes: one SDK client per configuration, shared by the pooled VFS connections. */
final class S3Clients {

    /** Parallel uploads per S3 remote; each is one HTTP connection of the shared client. */
    static final int CONNECTIONS = 8;

    private S3Clients() {
    }

    static Remote open(RemoteConfig.S3 config) {
        S3Client client = client(config);
        try {
            checkBucket(client, config);
            return new PooledRemote(vfs(client, config), () -> vfs(client, config), CONNECTIONS, client);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * The SDK's own retries are off: {@link RetryingRemote} retries every remote the same way and never
     * retries a permanent error. Checksums only where S3 requires them: several S3-compatible servers
     * reject the newer default trailing checksums. Over plain HTTP the SDK signs every request body
     * (SHA-256 of each byte; over HTTPS it does not): in one pass over the body, not chunk by chunk with
     * a signature per chunk, which measured 25 % less client CPU here (bench notes in docs/performance.md).
     */
    static S3Client client(RemoteConfig.S3 config) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey(), config.secretKey())))
                .forcePathStyle(config.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(http(config))
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(Duration.ofMinutes(2)));
        if (config.endpoint() != null) {
            builder.endpointOverride(config.endpoint());
        }
        return builder.build();
    }

    /**
     * TLS as the SDK does it (the JDK's trust store and host name check), or with a pinned certificate that
     * certificate alone: the pin is the stronger check, and self-signed certificates often name another
     * host than the endpoint's.
     */
    private static Apache5HttpClient.Builder http(RemoteConfig.S3 config) {
        Apache5HttpClient.Builder http = Apache5HttpClient.builder()
                .maxConnections(CONNECTIONS * 2)
                .connectionTimeout(Duration.ofSeconds(15))
                .socketTimeout(Duration.ofSeconds(60));
        if (config.certificateFingerprint() != null) {
            http.tlsSocketStrategy(new DefaultClientTlsStrategy(TlsCertificates.pinnedContext(config.certificateFingerprint()),
                    HostnameVerificationPolicy.CLIENT, NoopHostnameVerifier.INSTANCE));
        }
        return http;
    }

    /** One clear sentence for the usual mistakes, before anything is written. */
    private static void checkBucket(S3Client client, RemoteConfig.S3 config) {
        String what = "cannot open " + config.describe();
        try {
            client.headBucket(b -> b.bucket(config.bucket()));
        } catch (S3Exception e) {
            switch (e.statusCode()) {
                case 404 -> throw new RemoteException(what + ": the bucket '" + config.bucket() + "' does not exist", true, e);
                case 403 -> throw new RemoteException(what + ": access denied (the server refused the access key or "
                        + "secret, or they may not use this bucket)", true, e);
                case 301 -> throw new RemoteException(what + ": the bucket is in another region than "
                        + config.region(), true, e);
                default -> throw RemoteFailures.classify(what, S3Errors.io(e));
            }
        } catch (SdkException e) {
            throw RemoteFailures.classify(what, S3Errors.io(e));
        }
    }

    private static Remote vfs(S3Client client, RemoteConfig.S3 config) {
        StandardFileSystemManager manager = new StandardFileSystemManager();
        try {
            manager.init();
            manager.addProvider("s3", new S3FileProvider(client));
            String prefix = config.prefix() == null ? "" : config.prefix().replaceAll("^/+|/+$", "");
            FileObject root = manager.resolveFile("s3://" + config.bucket() + "/" + prefix);
            return new S3Remote(new VfsRemote(manager, root, config.describe()), client, config);
        } catch (FileSystemException e) {
            manager.close();
            throw RemoteFailures.classify("cannot open " + config.describe(), e);
        }
    }
}
