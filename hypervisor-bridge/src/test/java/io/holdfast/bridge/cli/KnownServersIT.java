package io.holdfast.bridge.cli;

import io.holdfast.bridge.remote.RemoteConfig;
import io.holdfast.bridge.remote.RemoteException;
import io.holdfast.bridge.remote.Remotes;
import io.holdfast.bridge.testing.OpenSshServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hardening: the CLI's SFTP without a pinned key trusted whatever key answered and never showed or kept it.
 * Against Debian's OpenSSH: the first use shows and keeps the key; a different key kept for the server
 * is refused as "host key changed".
 */
class KnownServersIT {

    @Test
    void theFirstKeyIsShownAndKeptAndAnotherIsRefused(@TempDir Path dir) throws Exception {
        try (OpenSshServer server = OpenSshServer.start()) {
            Path file = dir.resolve("config/known_hosts");
            KnownServers known = new KnownServers(file);
            RemoteConfig.Sftp unpinned = new RemoteConfig.Sftp("127.0.0.1", server.port(), OpenSshServer.USER, server.password(),
                    null, null, OpenSshServer.FOLDER + "/cli");
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            RemoteConfig.Sftp pinned = (RemoteConfig.Sftp) known.pin(unpinned, new PrintStream(out, true));

            String fingerprint = Remotes.sftpHostKeyFingerprint(unpinned);
            assertThat(pinned.hostKeyFingerprint()).isEqualTo(fingerprint);
            assertThat(out.toString()).contains(fingerprint).contains("pinned in " + file);
            assertThat(Files.readString(file)).contains("127.0.0.1:" + server.port() + " " + fingerprint);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            try (var remote = Remotes.open(pinned)) {
                remote.put("probe", new byte[]{1, 2, 3});
            }

            // the second use says nothing and uses the kept key
            out.reset();
            assertThat(((RemoteConfig.Sftp) known.pin(unpinned, new PrintStream(out, true))).hostKeyFingerprint()).isEqualTo(fingerprint);
            assertThat(out.toString()).isEmpty();

            // a server whose key is not the kept one is refused
            Files.writeString(file, "127.0.0.1:" + server.port() + " SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n");
            RemoteConfig other = known.pin(unpinned, new PrintStream(out, true));
            assertThatThrownBy(() -> Remotes.open(other).close()).isInstanceOf(RemoteException.class)
                    .hasMessageContaining("host key changed");
        }
    }
}
