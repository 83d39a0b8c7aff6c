package io.holdfast.bridge.remote;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** How failures are told apart: permanent (no retry) or transient, and the one sentence each becomes. */
class RemoteFailuresTest {

    record Case(Throwable failure, boolean permanent, String sentence) {
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(new IOException("553 Could not create file."), true, "permission denied"),
                new Case(new IOException("530 Login incorrect."), true, "refused the user name or password"),
                new Case(new IOException("Could not login to FTP server on \"h\" as user \"u\" (server response: 530 Login incorrect.)"),
                        true, "refused the user name or password"),
                // a port ending in 553 or 530 is not an FTP reply (found when a test server got port 42553)
                new Case(new IOException("Unable to execute HTTP request",
                        new ConnectException("Connect to http://127.0.0.1:42553 failed: Connection refused")), false, "unreachable"),
                new Case(new IOException("read failed", new SocketException("Connection reset by 10.0.0.1:45530 ")), false,
                        "the connection was lost"),
                new Case(new IOException("S3 NoSuchBucket (HTTP 404): The specified bucket does not exist"), true,
                        "the bucket does not exist"),
                new Case(new IOException("S3 SignatureDoesNotMatch (HTTP 403): …"), true, "refused the access key or secret"),
                new Case(new IOException("Unable to execute HTTP request", new SSLHandshakeException(
                        "PKIX path building failed: unable to find valid certification path to requested target")), true,
                        "certificate is not trusted"),
                new Case(new IOException("Unable to execute HTTP request", new SSLHandshakeException(
                        "the server's certificate is not the one pinned for it (host key changed: pinned A, now B)")), true,
                        "host key changed"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void classifies(Case c) {
        RemoteException e = RemoteFailures.classify("cannot write x", c.failure());
        assertThat(e.permanent()).as(e.getMessage()).isEqualTo(c.permanent());
        assertThat(e.getMessage()).startsWith("cannot write x: ").contains(c.sentence());
    }
}
