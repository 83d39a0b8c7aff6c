package io.holdfast.bridge.datastore;

import java.time.Instant;

/**
 * {@code datastore.json}: what a reader needs to understand the datastore. Holds the key's fingerprint,
 * never the key.
 */
public record DatastoreConfig(String format, int version, String id, int chunkSize, String digest,
                              String compression, String encryption, String keyFingerprint, Instant createdAt) {

    public boolean encrypted() {
        return FormatV1.ENCRYPTION_AES_256_GCM.equals(encryption);
    }

    void check() {
        if (!FormatV1.FORMAT_NAME.equals(format)) {
            throw new DatastoreException("not a Holdfast datastore (format '" + format + "')");
        }
        if (version != FormatV1.VERSION) {
            throw new DatastoreException("datastore format version " + version + " is not supported by this version of "
                    + "Holdfast (it reads version " + FormatV1.VERSION + ")");
        }
        if (chunkSize != FormatV1.CHUNK_SIZE) {
            throw new DatastoreException("datastore chunk size " + chunkSize + " is not supported");
        }
    }
}
