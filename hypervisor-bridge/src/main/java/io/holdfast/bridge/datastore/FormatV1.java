package io.holdfast.bridge.datastore;

/**
 * Every constant of datastore format v1, in one place; {@code docs/format.md} describes the format and
 * {@code FormatV1Test} pins the sizes. Changing any value here is a format change.
 */
public final class FormatV1 {

    private FormatV1() {
    }

    public static final int VERSION = 1;
    public static final String FORMAT_NAME = "holdfast-datastore";

    /** Every disk is cut into blocks of this size; the last block of a disk may be shorter. */
    public static final int CHUNK_SIZE = 4 << 20;
    public static final int DIGEST_LENGTH = 32;

    public static final String DATASTORE_FILE = "datastore.json";
    public static final String CHUNKS_DIR = "chunks";
    public static final String SNAPSHOTS_DIR = "snapshots";
    public static final String MANIFEST_FILE = "manifest.json";
    public static final String INDEX_SUFFIX = ".fidx";
    /** A chunk a verify found corrupt is moved to its path plus this suffix (then it is missing, and repaired). */
    public static final String QUARANTINE_SUFFIX = ".bad";
    /** Marks a backup in progress (for garbage collection); removed when it ends. */
    public static final String RUNNING_DIR = "running";

    // chunk blob: magic(4) kind(1) reserved(3) plaintextLength(4) [nonce(12)] payload [GCM tag(16)]
    public static final byte[] BLOB_MAGIC = {'H', 'F', 'C', '1'};
    public static final int BLOB_HEADER_LENGTH = 12;
    public static final byte BLOB_RAW = 0;
    public static final byte BLOB_ZSTD = 1;
    public static final byte BLOB_RAW_AES_GCM = 2;
    public static final byte BLOB_ZSTD_AES_GCM = 3;
    public static final int GCM_NONCE_LENGTH = 12;
    public static final int GCM_TAG_BITS = 128;

    // fixed index: magic(8) version(4) chunkSize(4) diskSize(8) chunkCount(8) reserved(32), then digests
    public static final byte[] INDEX_MAGIC = {'H', 'F', 'I', 'D', 'X', 'v', '1', 0};
    public static final int INDEX_HEADER_LENGTH = 64;

    /** The digest entry of a block that reads as zeroes: it is never stored. */
    public static final byte[] ZERO_BLOCK_MARKER = new byte[DIGEST_LENGTH];

    public static final String DIGEST_SHA256 = "sha256";
    public static final String DIGEST_HMAC_SHA256 = "hmac-sha256";
    public static final String ENCRYPTION_NONE = "none";
    public static final String ENCRYPTION_AES_256_GCM = "aes-256-gcm";
    public static final String COMPRESSION_ZSTD = "zstd";

    /** {@code chunks/<first 4 hex>/<64 hex>}. */
    public static String chunkPath(String hex) {
        return CHUNKS_DIR + "/" + hex.substring(0, 4) + "/" + hex;
    }
}
