package io.holdfast.bridge.remote;

import io.holdfast.bridge.testing.S3ProxyServer;
import org.apache.commons.vfs2.impl.StandardFileSystemManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The remote contract against a real S3 server (s3proxy, filesystem backend), plus its failure modes. */
class S3RemoteIT extends RemoteContract {

    static S3ProxyServer server;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static RemoteConfig.S3 configFor(S3ProxyServer s, String bucket, String secret, String prefix) {
        return new RemoteConfig.S3(s.endpoint(), S3ProxyServer.REGION, bucket, prefix, s.accessKey(), secret, true);
    }

    static RemoteConfig.S3 configFor(S3ProxyServer s, String prefix) {
        return configFor(s, S3ProxyServer.BUCKET, s.secretKey(), prefix);
    }

    @Override
    Remote remote() {
        return Remotes.openBare(configFor(server, "store/" + UUID.randomUUID()));
    }

    @Test
    void anObjectBiggerThanOnePartIsAMultipartUpload() {
        byte[] big = new byte[S3FileProvider.PART_SIZE * 2 + 12345];
        new Random(7).nextBytes(big);
        try (Remote r = remote()) {
            r.put("big/object", big);
            assertThat(r.get("big/object")).isEqualTo(big);
            assertThat(r.stat("big/object")).hasValueSatisfying(e -> assertThat(e.size()).isEqualTo(big.length));
        }
    }

    /** What VFS users of our provider get: a stream, written in odd-sized pieces, uploaded part by part. */
    @Test
    void theProvidersOutputStreamUploadsInPartsToo() throws Exception {
        byte[] big = new byte[S3FileProvider.PART_SIZE + (3 << 20) + 17];
        new Random(8).nextBytes(big);
        RemoteConfig.S3 config = configFor(server, "store/" + UUID.randomUUID());
        try (S3Client client = S3Clients.client(config); StandardFileSystemManager manager = new StandardFileSystemManager()) {
            manager.init();
            manager.addProvider("s3", new S3FileProvider(client));
            try (OutputStream out = manager.resolveFile("s3://" + config.bucket() + "/" + config.prefix() + "/streamed")
                    .getContent().getOutputStream()) {
                for (int at = 0; at < big.length; at += 1_000_003) {
                    out.write(big, at, Math.min(1_000_003, big.length - at));
                }
            }
        }
        try (Remote r = Remotes.openBare(config)) {
            assertThat(r.get("streamed")).isEqualTo(big);
        }
    }

    /**
     * A part that fails ends the upload: closing the stream afterwards must not put the bytes still
     * buffered as if they were the whole object (it did, before S3Upload remembered the failure).
     */
    @Test
    void aStreamWhosePartFailedLeavesNoObject() throws Exception {
        byte[] part = new byte[S3FileProvider.PART_SIZE];
        new Random(10).nextBytes(part);
        try (S3ProxyServer own = S3ProxyServer.start()) {
            RemoteConfig.S3 config = configFor(own, "store/" + UUID.randomUUID());
            try (S3Client client = S3Clients.client(config); StandardFileSystemManager manager = new StandardFileSystemManager()) {
                manager.init();
                manager.addProvider("s3", new S3FileProvider(client));
                OutputStream out = manager.resolveFile("s3://" + config.bucket() + "/" + config.prefix() + "/broken")
                        .getContent().getOutputStream();
                out.write(part); // one full part, buffered
                own.stop();
                assertThatThrownBy(() -> out.write(part, 0, 1 << 20)).isInstanceOf(IOException.class); // sends the part
                own.launch();
                assertThatThrownBy(out::close).isInstanceOf(IOException.class).hasStackTraceContaining("failed already");
            }
            try (Remote r = Remotes.openBare(config)) {
                assertThat(r.stat("broken")).isEmpty();
            }
        }
    }

    /** The test server over HTTPS, its certificate pinned by {@code fingerprint} (or trusted by the JDK if null). */
    private static RemoteConfig.S3 overHttps(String prefix, String fingerprint) {
        return new RemoteConfig.S3(server.secureEndpoint(), S3ProxyServer.REGION, S3ProxyServer.BUCKET, prefix,
                server.accessKey(), server.secretKey(), true, fingerprint);
    }

    /** HTTPS with a self-signed certificate: refused until pinned (the probe shows what to pin), then used. */
    @Test
    void overHttpsASelfSignedCertificateMustBePinnedAndAChangedOneIsRefusedWithoutRetries() {
        String prefix = "tls/" + UUID.randomUUID();
        RemoteConfig.S3 unpinned = overHttps(prefix, null);
        RemoteProbe.Result refused = RemoteProbe.probe(unpinned);
        assertThat(refused.ok()).isFalse();
        assertThat(refused.message()).contains("certificate is not trusted");
        assertThat(refused.serverFingerprint()).startsWith("SHA256:").isEqualTo(Remotes.s3CertificateFingerprint(unpinned));

        RemoteConfig.S3 pinned = overHttps(prefix, refused.serverFingerprint());
        byte[] big = new byte[S3FileProvider.PART_SIZE + 5];
        new Random(9).nextBytes(big);
        try (Remote r = Remotes.open(pinned)) {
            r.put("over/tls", big);
            assertThat(r.get("over/tls")).isEqualTo(big);
            assertThat(r.list("over")).extracting(RemoteEntry::name).containsExactly("tls");
        }
        assertThat(RemoteProbe.probe(pinned).ok()).isTrue();

        refusedAtOnceWithoutRetries(overHttps(prefix, "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), "host key changed");
    }

    @Test
    void wrongCredentialsFailAtOnceWithoutRetries() {
        refusedAtOnceWithoutRetries(configFor(server, S3ProxyServer.BUCKET, "wrong-secret", "x"), "refused the access key or secret");
    }

    @Test
    void aBucketThatDoesNotExistIsOneClearSentence() {
        assertThatThrownBy(() -> Remotes.openBare(configFor(server, "no-such-bucket", server.secretKey(), "x")))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("the bucket 'no-such-bucket' does not exist")
                .satisfies(e -> assertThat(((RemoteException) e).permanent()).isTrue());
    }

    @Test
    void anUnreachableEndpointIsTransient() {
        RemoteConfig.S3 closed = new RemoteConfig.S3(URI.create("http://127.0.0.1:1"), "us-east-1", "b-1", null, "a", "s", true);
        assertThatThrownBy(() -> Remotes.openBare(closed))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("unreachable")
                .satisfies(e -> assertThat(((RemoteException) e).permanent()).isFalse());
    }

    @Test
    void theProbeReportsFiguresOrOneSentence() {
        RemoteProbe.Result ok = RemoteProbe.probe(configFor(server, "probe"));
        assertThat(ok.ok()).as(ok.message()).isTrue();
        assertThat(ok.writeMBps()).isPositive();

        RemoteProbe.Result noBucket = RemoteProbe.probe(configFor(server, "absent-bucket", server.secretKey(), "probe"));
        assertThat(noBucket.message()).contains("does not exist");

        RemoteProbe.Result badName = RemoteProbe.probe(configFor(server, "Bad_Bucket", server.secretKey(), "probe"));
        assertThat(badName.message()).startsWith("bucket: must be 3-63 lower case letters");
    }
}
