package io.holdfast.backup.secret;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterKeyTest {

    @Test
    void theKeyFileIsCreatedOnceReadableByItsOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plugins/backup/master.key");
        MasterKey first = MasterKey.loadOrCreate(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        byte[] sealed = first.seal("s3cret-password", "backup_storage/1/secrets");

        MasterKey again = MasterKey.loadOrCreate(file);
        assertThat(again.open(sealed, "backup_storage/1/secrets")).isEqualTo("s3cret-password");
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("s3cret");
        assertThat(first.toString()).doesNotContain(Files.readString(file).strip());
    }

    @Test
    void aSealedValueOpensOnlyInItsPlaceUnalteredAndUnderItsKey(@TempDir Path dir) {
        MasterKey key = MasterKey.loadOrCreate(dir.resolve("a.key"));
        MasterKey other = MasterKey.loadOrCreate(dir.resolve("b.key"));
        byte[] sealed = key.seal("pw", "backup_storage/1/secrets");

        assertThatThrownBy(() -> key.open(sealed, "backup_storage/2/secrets")).isInstanceOf(SecretException.class)
                .hasMessageContaining("does not open");
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> key.open(tampered, "backup_storage/1/secrets")).isInstanceOf(SecretException.class);
        assertThatThrownBy(() -> other.open(sealed, "backup_storage/1/secrets")).isInstanceOf(SecretException.class)
                .hasMessageContaining("master key");
        assertThat(key.seal("pw", "p")).isNotEqualTo(key.seal("pw", "p")); // a fresh nonce each time
    }

    @Test
    void aKeyFileOthersMayReadIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("master.key");
        MasterKey.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> MasterKey.loadOrCreate(file)).isInstanceOf(SecretException.class).hasMessageContaining("chmod 600");
    }
}
