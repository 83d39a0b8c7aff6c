package io.holdfast.backup.storage;

import io.holdfast.bridge.remote.ConfigException;
import io.holdfast.bridge.remote.RemoteConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The form's fields checked by the bridge's rules (one copy), with the form's names in the messages. */
class StorageConfigsTest {

    @Test
    void badFieldsAreNamedAsTheFormNamesThem() {
        List<Object[]> table = List.of(
                new Object[]{StorageSettings.local("relative/dir"), StorageSecrets.NONE, "path", "absolute"},
                new Object[]{StorageSettings.sftp("h", 70000, "u", "x", null), StorageSecrets.password("p"), "port", "65535"},
                new Object[]{StorageSettings.sftp("bad host!", 22, "u", "x", null), StorageSecrets.password("p"), "host", "not a host"},
                new Object[]{StorageSettings.sftp("h", 22, "u", "a/../b", null), StorageSecrets.password("p"), "prefix", ".."},
                new Object[]{StorageSettings.sftp("h", 22, "u", "x", null), StorageSecrets.NONE, "password", "password or a private key"},
                new Object[]{StorageSettings.ftp("h", 21, "u", "x", null, null), StorageSecrets.password("p"), "ftpSecurity", "required"},
                new Object[]{StorageSettings.s3("https://s3.example.com", "Bad_Bucket", "r", "a", "x", true), StorageSecrets.secretKey("s"), "bucket", "3-63"},
                new Object[]{StorageSettings.s3("s3.example.com", "good-bucket", "r", "a", "x", true), StorageSecrets.secretKey("s"), "endpoint", "https://"},
                new Object[]{StorageSettings.s3("", "good-bucket", "r", "a", "x", true), StorageSecrets.NONE, "secretKey", "required"},
                new Object[]{StorageSettings.rclone("", "x"), StorageSecrets.NONE, "rcloneRemote", "required"},
                new Object[]{StorageSettings.rclone("gdrive", "a/../b"), StorageSecrets.NONE, "prefix", ".."});
        for (Object[] row : table) {
            assertThatThrownBy(() -> StorageConfigs.remote((StorageSettings) row[0], (StorageSecrets) row[1]))
                    .as(row[0].toString()).isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.fields())
                            .anySatisfy(f -> {
                                assertThat(f.field()).isEqualTo(row[2]);
                                assertThat(f.message()).contains((String) row[3]);
                            }));
        }
    }

    @Test
    void goodFormsBecomeTheBridgesConfigurations() {
        RemoteConfig sftp = StorageConfigs.remote(StorageSettings.sftp(" backup.example.com ", 2222, "hf", "/data/hf/", "SHA256:abc"),
                StorageSecrets.password("pw"));
        assertThat(sftp).isEqualTo(new RemoteConfig.Sftp("backup.example.com", 2222, "hf", "pw", null, "SHA256:abc", "data/hf"));
        // an SFTP private key replaces the password (the bridge gets it as a file)
        assertThat(StorageConfigs.remote(StorageSettings.sftp("h", 22, "u", "x", null), new StorageSecrets(null, "KEY", null))).isNotNull();
        RemoteConfig s3 = StorageConfigs.remote(StorageSettings.s3("", "good-bucket", "eu-west-1", "AK", "site-a", false),
                StorageSecrets.secretKey("sk"));
        assertThat(((RemoteConfig.S3) s3).endpoint()).isNull();
        assertThat(((RemoteConfig.Ftp) StorageConfigs.remote(StorageSettings.ftp("h", 21, "u", "x", RemoteConfig.FtpSecurity.NONE,
                "SHA256:ignored"), StorageSecrets.password("p"))).certificateFingerprint()).as("plain FTP pins nothing").isNull();
    }

    @Test
    void secretsLeftBlankKeepTheSavedOnesAndNeverPrint() {
        StorageSecrets saved = new StorageSecrets("old-pw", null, "old-sk");
        StorageSecrets typed = new StorageSecrets("", null, "new-sk");
        assertThat(typed.over(saved)).isEqualTo(new StorageSecrets("old-pw", null, "new-sk"));
        assertThat(typed.over(saved).toString()).doesNotContain("old-pw").doesNotContain("new-sk");
        assertThat(new ConfigException.FieldError("port", "x").toString()).isEqualTo("port: x");
    }
}
