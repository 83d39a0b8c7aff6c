package io.holdfast.bridge.remote;

import io.holdfast.bridge.testing.OpenSshServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The remote contract against Debian's OpenSSH sftp (chrooted sftp-only user), plus its failure modes. */
class SftpRemoteIT extends RemoteContract {

    static OpenSshServer server;

    @BeforeAll
    static void startServer() {
        server = OpenSshServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static RemoteConfig.Sftp config(String password, String folder) {
        return new RemoteConfig.Sftp("127.0.0.1", server.port(), OpenSshServer.USER, password, null, null, folder);
    }

    static RemoteConfig.Sftp configFor(OpenSshServer s, String folder) {
        return new RemoteConfig.Sftp("127.0.0.1", s.port(), OpenSshServer.USER, s.password(), null, null, folder);
    }

    @Override
    Remote remote() {
        return Remotes.openBare(config(server.password(), OpenSshServer.FOLDER + "/" + UUID.randomUUID()));
    }

    @Test
    void aWrongPasswordFailsAtOnceWithoutRetries() {
        List<Long> waits = new ArrayList<>();
        long start = System.nanoTime();
        assertThatThrownBy(() -> new RetryingRemote(Remotes.openBare(config("wrong-password", "data/x")),
                RetryPolicy.DEFAULT, waits::add))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("refused the user name or password")
                .satisfies(e -> assertThat(((RemoteException) e).permanent()).isTrue());
        assertThat(waits).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aFolderTheUserMayNotWriteIsAClearPermanentError() {
        assertThatThrownBy(() -> Remotes.openBare(config(server.password(), "not-writable")).put("a", new byte[1]))
                .isInstanceOf(RemoteException.class)
                .satisfies(e -> assertThat(((RemoteException) e).permanent()).isTrue());
    }

    @Test
    void anUnreachableServerIsTransient() {
        RemoteConfig.Sftp closed = new RemoteConfig.Sftp("127.0.0.1", 1, OpenSshServer.USER, "x", null, null, "data");
        assertThatThrownBy(() -> Remotes.openBare(closed))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("unreachable")
                .satisfies(e -> assertThat(((RemoteException) e).permanent()).isFalse());
    }
}
