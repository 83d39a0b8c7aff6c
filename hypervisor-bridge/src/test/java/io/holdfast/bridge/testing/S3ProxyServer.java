package io.holdfast.bridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A real S3 server for tests: s3proxy (Maven Central, {@code org.gaul:s3proxy} jar-with-dependencies, copied
 * to {@code target/s3proxy/s3proxy.jar} by the build) with its filesystem backend, on a loopback port, in a
 * process of its own so it can be stopped and started again like a crashed server. Signature V4 with a random
 * access key and secret; the bucket {@value #BUCKET} exists from the start. It serves HTTPS too, on a second
 * port, with a self-signed certificate made by the JDK's keytool that names another host (as self-signed
 * certificates of MinIO or Ceph installations often do), so only pinning it can make it trusted.
 */
public final class S3ProxyServer implements RestartableServer {

    public static final String BUCKET = "holdfast-test";
    public static final String REGION = "us-east-1";
    private static final Path JAR = Path.of("target/s3proxy/s3proxy.jar");

    private final Path dir;
    private final int port;
    private final int securePort;
    private final String accessKey = "AK" + UUID.randomUUID().toString().replace("-", "").substring(0, 18).toUpperCase();
    private final String secretKey = UUID.randomUUID().toString();
    private final ServerProcess process;

    private S3ProxyServer(Path dir, int port, int securePort) {
        this.dir = dir;
        this.port = port;
        this.securePort = securePort;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.process = new ServerProcess("s3proxy", List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-jar",
                JAR.toAbsolutePath().toString(), "--properties", dir.resolve("s3proxy.conf").toString()),
                port, dir.resolve("s3proxy.log"), Duration.ofSeconds(60));
    }

    public static S3ProxyServer start() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("s3proxy is missing at " + JAR.toAbsolutePath()
                    + ": the build copies it there (mvn verify in hypervisor-bridge, or ./holdfast test)");
        }
        try {
            Path dir = Files.createTempDirectory("holdfast-s3proxy");
            Files.createDirectories(dir.resolve("blobs").resolve(BUCKET));
            int port;
            int securePort;
            try (ServerSocket s = new ServerSocket(0); ServerSocket t = new ServerSocket(0)) {
                port = s.getLocalPort();
                securePort = t.getLocalPort();
            }
            S3ProxyServer server = new S3ProxyServer(dir, port, securePort);
            Path keystore = dir.resolve("keystore.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "s3proxy", "-keyalg", "RSA", "-keysize", "2048",
                    "-dname", "CN=s3.holdfast.test", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                    "-storepass", server.secretKey).redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool could not make the test certificate: " + Files.readString(dir.resolve("keytool.log")));
            }
            Files.writeString(dir.resolve("s3proxy.conf"), """
                    s3proxy.endpoint=http://127.0.0.1:%d
                    s3proxy.secure-endpoint=https://127.0.0.1:%d
                    s3proxy.keystore-path=%s
                    s3proxy.keystore-password=%s
                    s3proxy.authorization=aws-v2-or-v4
                    s3proxy.identity=%s
                    s3proxy.credential=%s
                    jclouds.provider=filesystem
                    jclouds.filesystem.basedir=%s
                    """.formatted(port, securePort, keystore, server.secretKey, server.accessKey, server.secretKey, dir.resolve("blobs")));
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the test s3proxy", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing the test s3proxy", e);
        }
    }

    /** Starts s3proxy (again) and waits until it accepts connections. */
    @Override
    public void launch() {
        process.launch();
    }

    /** Kills the server as a crash would (connections drop), keeping its data for {@link #launch()}. */
    @Override
    public void stop() {
        process.end(true);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The same server over HTTPS, with its self-signed certificate. */
    public URI secureEndpoint() {
        return URI.create("https://127.0.0.1:" + securePort);
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** Where the bucket's objects are, on this machine. */
    public Path bucketFolder() {
        return dir.resolve("blobs").resolve(BUCKET);
    }

    @Override
    public void close() {
        stop();
        ServerProcess.deleteFolder(dir);
    }
}
