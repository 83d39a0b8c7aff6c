package io.holdfast.bridge.remote;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemoteConfigTest {

    private static final RemoteConfig.Sftp SFTP = new RemoteConfig.Sftp("backup.example.com", 22, "holdfast", "secret", null, null, "datastores/a");
    private static final RemoteConfig.S3 S3 = new RemoteConfig.S3(URI.create("https://s3.example.com"), "eu-west-1", "holdfast-backups",
            "site-a", "AKIA", "secret", true);

    @Test
    void goodConfigurationsPass() {
        assertThat(SFTP.problems()).isEmpty();
        assertThat(S3.problems()).isEmpty();
        assertThat(new RemoteConfig.Ftp("10.0.0.5", 21, "u", "p", RemoteConfig.FtpSecurity.EXPLICIT_TLS, null, "x").problems()).isEmpty();
        assertThat(new RemoteConfig.Local(Path.of("/srv/backups")).problems()).isEmpty();
        assertThat(new RemoteConfig.S3(null, "us-east-1", "my.bucket-1", null, "a", "b", false).problems()).isEmpty();
    }

    /** The bad inputs of the remotes issue: each is refused with a message naming its field. */
    @Test
    void badInputNamesTheField() {
        List<Object[]> table = List.of(
                new Object[]{new RemoteConfig.Sftp("", 22, "u", "p", null, null, "f"), "host: is required"},
                new Object[]{new RemoteConfig.Sftp("h", 0, "u", "p", null, null, "f"), "port: must be between 1 and 65535 (was 0)"},
                new Object[]{new RemoteConfig.Sftp("h", 70000, "u", "p", null, null, "f"), "port: must be between 1 and 65535 (was 70000)"},
                new Object[]{new RemoteConfig.Sftp("bad host!", 22, "u", "p", null, null, "f"), "host: is not a host name"},
                new Object[]{new RemoteConfig.Sftp("h", 22, "u", "", null, null, "f"), "password: give a password or a private key"},
                new Object[]{new RemoteConfig.Sftp("h", 22, "u", "p", null, null, "a/../../etc"), "folder: must not contain '..'"},
                new Object[]{new RemoteConfig.S3(URI.create("s3.example.com"), "r", "b12", null, "a", "s", true), "endpoint: must start with https://"},
                new Object[]{new RemoteConfig.S3(null, "r", "Bad_Bucket", null, "a", "s", true), "bucket: must be 3-63 lower case"},
                new Object[]{new RemoteConfig.S3(null, "r", "ab", null, "a", "s", true), "bucket: must be 3-63"},
                new Object[]{new RemoteConfig.S3(null, "r", "192.168.1.1", null, "a", "s", true), "bucket: must be"},
                new Object[]{new RemoteConfig.S3(null, "r", "good-bucket", "x/../y", "a", "s", true), "prefix: must not contain '..'"},
                new Object[]{new RemoteConfig.S3(null, "", "good-bucket", null, "a", "s", true), "region: is required"},
                new Object[]{new RemoteConfig.S3(URI.create("http://minio:9000"), "r", "good-bucket", null, "a", "s", true,
                        "SHA256:AAAA"), "certificateFingerprint: applies to an https:// endpoint only"},
                new Object[]{new RemoteConfig.Ftp("h", 21, "u", "p", null, null, "f"), "security: is required"},
                new Object[]{new RemoteConfig.Local(Path.of("relative/dir")), "folder: must be an absolute path"});
        for (Object[] row : table) {
            RemoteConfig config = (RemoteConfig) row[0];
            assertThatThrownBy(config::validate).as(config.toString())
                    .isInstanceOf(ConfigException.class).hasMessageContaining((String) row[1]);
        }
    }

    @Test
    void descriptionsCarryNoSecrets() {
        assertThat(SFTP.describe()).doesNotContain("secret");
        assertThat(S3.describe()).doesNotContain("secret").doesNotContain("AKIA");
    }

    /** Hardening: records that hold secrets printed them in toString (logs, exceptions, debuggers). */
    @Test
    void toStringShowsWhetherASecretIsSetButNeverTheSecret() {
        String password = "pw-7f3a9c2e";
        String secretKey = "sk-91b2c3d4e5";
        List<RemoteConfig> configs = List.of(
                new RemoteConfig.Sftp("h", 22, "u", password, null, null, "f"),
                new RemoteConfig.Ftp("h", 21, "u", password, RemoteConfig.FtpSecurity.NONE, null, "f"),
                new RemoteConfig.S3(null, "r", "good-bucket", null, "AKIA", secretKey, true));
        for (RemoteConfig config : configs) {
            assertThat(config.toString()).doesNotContain(password).doesNotContain(secretKey).contains("(secret)");
        }
        assertThat(io.holdfast.bridge.datastore.DatastoreKey.fromText(io.holdfast.bridge.datastore.DatastoreKey.newKeyText()).toString())
                .startsWith("DatastoreKey[fingerprint=");
    }
}
