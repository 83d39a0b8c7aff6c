package io.holdfast.bridge.datastore;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import static io.holdfast.bridge.datastore.FormatV1.*;

/**
 * Turns a block into its digest and its blob, and a blob back into the block, checking the digest.
 * Thread-safe. Blobs are zstd-compressed unless that does not make them smaller, and AES-256-GCM
 * encrypted (random nonce, header as associated data) when the datastore has a key.
 */
public final class ChunkCodec {

    private static final byte[] ZEROS = new byte[CHUNK_SIZE];
    /**
     * zstd level: not part of the format (any level decodes). Negative levels trade a little ratio for
     * speed; see docs/performance.md for the measurements behind the choice.
     */
    static final int ZSTD_LEVEL = Integer.getInteger("holdfast.zstd.level", 1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatastoreKey key;
    private final ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });
    private final ThreadLocal<Mac> hmac;
    /** The digest key in native memory, for {@link NativeDigest}; null without a key. */
    private final java.lang.foreign.MemorySegment nativeKey;
    /** The encryption key in native memory, for {@link NativeAesGcm}; null without a key. */
    private final java.lang.foreign.MemorySegment nativeEncryptionKey;

    ChunkCodec(DatastoreKey key) {
        this.key = key;
        this.nativeKey = key == null || !NativeDigest.AVAILABLE ? null : NativeDigest.key(key.digestKey());
        this.nativeEncryptionKey = key == null || !NativeAesGcm.AVAILABLE ? null : NativeDigest.key(key.encryptionKey());
        this.hmac = key == null ? null : ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key.digestKey(), "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static final ByteBuffer ZERO_DIRECT = ByteBuffer.allocateDirect(CHUNK_SIZE).asReadOnlyBuffer();
    // one zstd context per worker thread: creating one per block costs an allocation and table set-up each time
    private final ThreadLocal<ZstdCompressCtx> compressor = ThreadLocal.withInitial(() -> new ZstdCompressCtx().setLevel(ZSTD_LEVEL));
    private final ThreadLocal<ZstdDecompressCtx> decompressor = ThreadLocal.withInitial(ZstdDecompressCtx::new);
    private final ThreadLocal<ByteBuffer> directScratch = ThreadLocal.withInitial(
            () -> ByteBuffer.allocateDirect((int) Zstd.compressBound(CHUNK_SIZE)));

    /** The capacity an output buffer for {@link #encode(ByteBuffer, ByteBuffer)} needs. */
    public static int maxBlobLength() {
        return BLOB_HEADER_LENGTH + GCM_NONCE_LENGTH + (int) Zstd.compressBound(CHUNK_SIZE) + GCM_TAG_BITS / 8;
    }

    /** Whether a buffer's remaining bytes are all zero (vectorised compare). */
    public static boolean isZero(ByteBuffer data) {
        return data.mismatch(ZERO_DIRECT.duplicate().limit(data.remaining())) == -1;
    }

    public Digest digest(ByteBuffer data) {
        if (data.isDirect() && NativeDigest.AVAILABLE) {
            return Digest.of(nativeKey == null ? NativeDigest.sha256(data) : NativeDigest.hmacSha256(nativeKey, data));
        }
        if (hmac != null) {
            Mac mac = hmac.get();
            mac.update(data.duplicate());
            return Digest.of(mac.doFinal());
        }
        MessageDigest md = sha256.get();
        md.update(data.duplicate());
        return Digest.of(md.digest());
    }

    /**
     * Encodes a block held in a direct buffer into {@code out} (direct, at least {@link #maxBlobLength()}),
     * with no copy through the Java heap: returns {@code out}, flipped, holding the blob.
     */
    public ByteBuffer encode(ByteBuffer data, ByteBuffer out) {
        int length = data.remaining();
        out.clear();
        ByteBuffer compressTo = key == null ? out : directScratch.get().clear();
        int at = key == null ? BLOB_HEADER_LENGTH : 0;
        long n = compressor.get().compressDirectByteBuffer(compressTo, at, compressTo.capacity() - at, data, data.position(), length);
        boolean useZstd = n < length;
        byte kind = key == null ? (useZstd ? BLOB_ZSTD : BLOB_RAW) : (useZstd ? BLOB_ZSTD_AES_GCM : BLOB_RAW_AES_GCM);
        byte[] header = new byte[BLOB_HEADER_LENGTH];
        writeHeader(header, kind, length);
        if (key == null) {
            out.put(0, header);
            if (!useZstd) {
                out.put(BLOB_HEADER_LENGTH, data, data.position(), length);
            }
            return out.position(0).limit(BLOB_HEADER_LENGTH + (useZstd ? (int) n : length));
        }
        byte[] nonce = new byte[GCM_NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.encryptionKey(), "AES"), new GCMParameterSpec(GCM_TAG_BITS, nonce));
            cipher.updateAAD(header);
            out.put(header).put(nonce);
            ByteBuffer plain = useZstd ? compressTo.position(0).limit((int) n) : data.duplicate();
            cipher.doFinal(plain, out);
            return out.flip();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** Whether the first {@code length} bytes are all zero (vectorised compare). */
    public static boolean isZero(byte[] data, int length) {
        return Arrays.mismatch(data, 0, length, ZEROS, 0, length) == -1;
    }

    public Digest digest(byte[] data, int length) {
        if (hmac != null) {
            Mac mac = hmac.get();
            mac.update(data, 0, length);
            return Digest.of(mac.doFinal());
        }
        MessageDigest md = sha256.get();
        md.update(data, 0, length);
        return Digest.of(md.digest());
    }

    /** {@link #encode(ByteBuffer, ByteBuffer)} for an array (tools and tests; the backup path uses buffers). */
    public byte[] encode(byte[] data, int length) {
        ByteBuffer in = ByteBuffer.allocateDirect(length).put(data, 0, length).flip();
        ByteBuffer blob = encode(in, ByteBuffer.allocateDirect(maxBlobLength()));
        byte[] bytes = new byte[blob.remaining()];
        blob.get(bytes);
        return bytes;
    }

    private static void writeHeader(byte[] blob, byte kind, int length) {
        System.arraycopy(BLOB_MAGIC, 0, blob, 0, BLOB_MAGIC.length);
        blob[4] = kind;
        blob[5] = 0;
        blob[6] = 0;
        blob[7] = 0;
        blob[8] = (byte) (length >>> 24);
        blob[9] = (byte) (length >>> 16);
        blob[10] = (byte) (length >>> 8);
        blob[11] = (byte) length;
    }

    /**
     * The block a blob holds; {@link DatastoreException.CorruptChunk} if it does not match {@code expected}.
     * For tools and tests: it copies; the restore path uses {@link #decode(ByteBuffer, Digest, ByteBuffer)}.
     */
    public byte[] decode(byte[] blob, Digest expected) {
        ByteBuffer in = ByteBuffer.allocateDirect(Math.max(blob.length, 1)).put(blob).flip();
        ByteBuffer block = decode(in, expected, ByteBuffer.allocateDirect(CHUNK_SIZE));
        byte[] data = new byte[block.remaining()];
        block.get(data);
        return data;
    }

    /**
     * Decodes the blob in {@code blob} (position to limit) into the block it holds, decrypting and
     * decompressing once, and checks the block against {@code expected}. {@code out} is a direct buffer of
     * {@link FormatV1#CHUNK_SIZE}. Returns the block: {@code out}, or for a stored-as-is blob a view of
     * {@code blob} (no copy), valid until either buffer is reused. Nothing touches the Java heap, so a
     * restore's memory is its fixed set of buffers.
     */
    public ByteBuffer decode(ByteBuffer blob, Digest expected, ByteBuffer out) {
        String hex = expected.hex();
        int base = blob.position();
        int blobLength = blob.remaining();
        if (blobLength < BLOB_HEADER_LENGTH || blob.mismatch(ByteBuffer.wrap(BLOB_MAGIC)) != BLOB_MAGIC.length) {
            throw new DatastoreException.CorruptChunk(hex, "chunk " + hex + " is corrupt (bad header)");
        }
        byte kind = blob.get(base + 4);
        int length = blob.getInt(base + 8);
        if (length <= 0 || length > CHUNK_SIZE) {
            throw new DatastoreException.CorruptChunk(hex, "chunk " + hex + " is corrupt (length " + length + ")");
        }
        boolean encrypted = kind == BLOB_RAW_AES_GCM || kind == BLOB_ZSTD_AES_GCM;
        boolean compressed = kind == BLOB_ZSTD || kind == BLOB_ZSTD_AES_GCM;
        if (!encrypted && !compressed && kind != BLOB_RAW) {
            throw new DatastoreException.CorruptChunk(hex, "chunk " + hex + " is corrupt (unknown kind " + kind + ")");
        }
        ByteBuffer payload = blob.slice(base + BLOB_HEADER_LENGTH, blobLength - BLOB_HEADER_LENGTH);
        if (encrypted) {
            payload = decrypt(blob.slice(base, blobLength), compressed ? directScratch.get().clear() : out.clear(), hex);
        }
        ByteBuffer block;
        if (compressed) {
            block = decompress(payload, out, length, hex);
        } else {
            block = payload;
        }
        if (block.remaining() != length || !digest(block).equals(expected)) {
            throw new DatastoreException.CorruptChunk(hex, "chunk " + hex + " is corrupt (its contents do not match its digest)");
        }
        return block;
    }

    private ByteBuffer decrypt(ByteBuffer blob, ByteBuffer plain, String hex) {
        if (key == null) {
            throw new DatastoreException("chunk " + hex + " is encrypted but no key was given");
        }
        int at = BLOB_HEADER_LENGTH + GCM_NONCE_LENGTH;
        if (blob.remaining() < at + GCM_TAG_BITS / 8) {
            throw new DatastoreException.CorruptChunk(hex, "chunk " + hex + " is corrupt (too short)");
        }
        byte[] header = new byte[BLOB_HEADER_LENGTH];
        byte[] nonce = new byte[GCM_NONCE_LENGTH];
        blob.get(0, header).get(BLOB_HEADER_LENGTH, nonce);
        if (nativeEncryptionKey != null && blob.isDirect() && plain.isDirect()) {
            int n = NativeAesGcm.decrypt(nativeEncryptionKey, nonce, header, blob.slice(at, blob.remaining() - at), plain);
            if (n < 0) {
                throw new DatastoreException.CorruptChunk(hex, "chunk " + hex + " is corrupt or was written with another key");
            }
            return plain.position(0).limit(n);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.encryptionKey(), "AES"), new GCMParameterSpec(GCM_TAG_BITS, nonce));
            cipher.updateAAD(header);
            if (cipher.getOutputSize(blob.remaining() - at) > plain.capacity()) {
                throw new DatastoreException.CorruptChunk(hex, "chunk " + hex + " is corrupt (too long)");
            }
            cipher.doFinal(blob.slice(at, blob.remaining() - at), plain);
            return plain.flip();
        } catch (GeneralSecurityException e) {
            throw new DatastoreException.CorruptChunk(hex, "chunk " + hex + " is corrupt or was written with another key");
        }
    }

    private ByteBuffer decompress(ByteBuffer payload, ByteBuffer out, int length, String hex) {
        try {
            out.clear();
            int got = decompressor.get().decompressDirectByteBuffer(out, 0, length, payload, payload.position(), payload.remaining());
            if (got != length) {
                throw new DatastoreException.CorruptChunk(hex, "chunk " + hex + " is corrupt (" + got + " bytes, expected " + length + ")");
            }
            return out.position(0).limit(length);
        } catch (ZstdException | IllegalArgumentException e) {
            throw new DatastoreException.CorruptChunk(hex, "chunk " + hex + " is corrupt (cannot decompress)");
        }
    }
}
