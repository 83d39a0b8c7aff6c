package io.holdfast.bridge.datastore;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A datastore's 256-bit master key. Two keys are derived from it (HMAC-SHA256 with fixed labels): one
 * encrypts blobs (AES-256-GCM), one keys the block digests, so a digest reveals nothing about the data.
 * Only the fingerprint (from a third label) is written to the datastore, never the key.
 */
public final class DatastoreKey {

    private final byte[] encryptionKey;
    private final byte[] digestKey;
    private final String fingerprint;

    private DatastoreKey(byte[] master) {
        this.encryptionKey = derive(master, "holdfast encryption v1");
        this.digestKey = derive(master, "holdfast digest v1");
        this.fingerprint = HexFormat.of().formatHex(Arrays.copyOf(derive(master, "holdfast fingerprint v1"), 8));
    }

    public static DatastoreKey generate() {
        byte[] master = new byte[32];
        new SecureRandom().nextBytes(master);
        return new DatastoreKey(master);
    }

    /** Generates a key and writes it, base64, to a new file readable by its owner only. */
    public static DatastoreKey generateInto(Path file) {
        byte[] master = new byte[32];
        new SecureRandom().nextBytes(master);
        try {
            Files.writeString(file, Base64.getEncoder().encodeToString(master) + "\n", StandardCharsets.US_ASCII,
                    java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        } catch (IOException e) {
            throw new DatastoreException("cannot write the key file " + file + ": " + e.getMessage(), e);
        }
        return new DatastoreKey(master);
    }

    /** A new key as its text form (32 random bytes, base64), for a caller that keeps keys itself. */
    public static String newKeyText() {
        byte[] master = new byte[32];
        new SecureRandom().nextBytes(master);
        return Base64.getEncoder().encodeToString(master);
    }

    /** A key from its text form (as in a key file: 32 bytes, base64). */
    public static DatastoreKey fromText(String text) {
        byte[] master;
        try {
            master = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new DatastoreException("the datastore key is not base64");
        }
        if (master.length != 32) {
            throw new DatastoreException("the datastore key holds " + master.length + " bytes; a key has 32");
        }
        return new DatastoreKey(master);
    }

    /** Reads a key file: 32 bytes as base64 (one line). */
    public static DatastoreKey read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new DatastoreException("cannot read the key file " + file + ": " + e.getMessage(), e);
        }
        byte[] master;
        try {
            master = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new DatastoreException("the key file " + file + " does not hold a base64 key");
        }
        if (master.length != 32) {
            throw new DatastoreException("the key file " + file + " holds " + master.length + " bytes; a key has 32");
        }
        return new DatastoreKey(master);
    }

    @Override
    public String toString() {
        return "DatastoreKey[fingerprint=" + fingerprint + "]";
    }

    public String fingerprint() {
        return fingerprint;
    }

    byte[] encryptionKey() {
        return encryptionKey;
    }

    byte[] digestKey() {
        return digestKey;
    }

    private static byte[] derive(byte[] master, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
