package io.holdfast.bridge.remote;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The remote contract through a real rclone (Debian's {@code rclone}) serving a configured remote of type
 * {@code local} over SFTP, started and owned by the bridge; plus its failure modes and its clean-up.
 */
class RcloneRemoteIT extends RemoteContract {

    static Path config;
    static Path data;

    @BeforeAll
    static void writeRcloneConfig() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "rclone-it")).toAbsolutePath();
        config = dir.resolve("rclone.conf");
        Files.writeString(config, "[hflocal]\ntype = local\n");
        data = Files.createDirectories(dir.resolve("data"));
    }

    static RemoteConfig.Rclone configFor(String folder) {
        return new RemoteConfig.Rclone("hflocal", data.resolve(folder).toString(), config);
    }

    @Override
    Remote remote() {
        return Remotes.openBare(configFor(UUID.randomUUID().toString()));
    }

    @Test
    void aRemoteRcloneDoesNotKnowIsAClearPermanentError() {
        refusedAtOnceWithoutRetries(new RemoteConfig.Rclone("no-such-remote", "x", config), "rclone cannot serve rclone:no-such-remote:x");
    }

    @Test
    void closingTheRemoteStopsRcloneAndRemovesItsKeys() throws Exception {
        long before = rcloneChildren();
        try (Remote remote = remote()) {
            remote.put("a/b", new byte[]{7});
            assertThat(rcloneChildren()).isEqualTo(before + 1);
            assertThat(Files.readAllBytes(data.resolve(remote.describe().substring(remote.describe().lastIndexOf(':') + 1)).resolve("a/b")))
                    .containsExactly(7);
        }
        assertThat(rcloneChildren()).isEqualTo(before);
    }

    @Test
    void theProbeWorksThroughRclone() {
        RemoteProbe.Result result = RemoteProbe.probe(configFor("probe-" + UUID.randomUUID()));
        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.writeMBps()).isPositive();
    }

    @Test
    void badFieldsAreNamed() {
        assertThat(new RemoteConfig.Rclone("", "x", null).problems()).anySatisfy(p -> assertThat(p.field()).isEqualTo("remote"));
        assertThat(new RemoteConfig.Rclone("r", "a/../b", null).problems()).anySatisfy(p -> assertThat(p.field()).isEqualTo("folder"));
        assertThat(new RemoteConfig.Rclone("r", "x", Path.of("rel.conf")).problems()).anySatisfy(p -> assertThat(p.field()).isEqualTo("configFile"));
        assertThatThrownBy(() -> new RemoteConfig.Rclone("bad:name", "x", null).validate()).isInstanceOf(ConfigException.class);
    }

    private static long rcloneChildren() {
        return ProcessHandle.current().children().filter(p -> p.info().command().map(c -> c.endsWith("rclone")).orElse(false)).count();
    }
}
