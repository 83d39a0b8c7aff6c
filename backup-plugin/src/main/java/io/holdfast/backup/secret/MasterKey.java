package io.holdfast.backup.secret;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The key that seals every secret the plugin keeps in the database (storage passwords, secret keys,
 * datastore keys): AES-256-GCM with a random 96-bit nonce per value, and the value's place (table, row,
 * field) as associated data, so a sealed value copied to another row does not open. The key lives in a
 * file outside the database (created on first start, mode 0600): a database dump alone reveals nothing,
 * and without the file every sealed secret is lost (see docs/operations.md).
 */
public final class MasterKey {

    /** Sealed values start with this version byte, so the scheme can change later. */
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SecretKeySpec key;
    private final Path file;
    private final SecureRandom random = new SecureRandom();

    private MasterKey(byte[] key, Path file) {
        this.key = new SecretKeySpec(key, "AES");
        this.file = file;
    }

    /** Reads the key file, or creates it (mode 0600) when it does not exist yet. */
    public static MasterKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n", StandardCharsets.US_ASCII);
                    return new MasterKey(fresh, file);
                } catch (FileAlreadyExistsException raced) {
                    // another node created it first: read theirs
                }
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                throw new SecretException("the master key file " + file + " is readable by others ("
                        + PosixFilePermissions.toString(perms) + "): chmod 600 it");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            } catch (IllegalArgumentException e) {
                throw new SecretException("the master key file " + file + " does not hold a base64 key");
            }
            if (key.length != 32) {
                throw new SecretException("the master key file " + file + " holds " + key.length + " bytes; the key has 32");
            }
            return new MasterKey(key, file);
        } catch (IOException e) {
            throw new SecretException("cannot read or create the master key file " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** Seals {@code plaintext}; {@code place} (e.g. "storage/12/secrets") must be given again to open it. */
    public byte[] seal(String plaintext, String place) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(place.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new SecretException("cannot seal a secret: " + e.getMessage(), e);
        }
    }

    /** Opens what {@link #seal} sealed for the same place; refuses anything altered, moved or sealed under another key. */
    public String open(byte[] sealed, String place) {
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new SecretException("a sealed secret (" + place + ") is damaged or of an unknown version");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(place.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new SecretException("a sealed secret (" + place + ") does not open with the master key in " + file
                    + ": the key file was replaced, or the database row was altered");
        } catch (GeneralSecurityException e) {
            throw new SecretException("cannot open a sealed secret (" + place + "): " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[" + file + "]";
    }
}
