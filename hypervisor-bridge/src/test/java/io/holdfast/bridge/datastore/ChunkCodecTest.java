package io.holdfast.bridge.datastore;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkCodecTest {

    private static byte[] block(boolean compressible) {
        byte[] b = new byte[FormatV1.CHUNK_SIZE];
        if (compressible) {
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) ("holdfast ".charAt(i % 9));
            }
        } else {
            new Random(7).nextBytes(b);
        }
        return b;
    }

    @Test
    void plainBlobsRoundTripCompressedOrRaw() {
        ChunkCodec codec = new ChunkCodec(null);
        for (boolean compressible : new boolean[]{true, false}) {
            byte[] data = block(compressible);
            Digest d = codec.digest(data, data.length);
            byte[] blob = codec.encode(data, data.length);
            assertThat(blob[4]).isEqualTo(compressible ? FormatV1.BLOB_ZSTD : FormatV1.BLOB_RAW);
            assertThat(blob.length).isLessThan(compressible ? data.length / 10 : data.length + 13);
            assertThat(codec.decode(blob, d)).isEqualTo(data);
        }
    }

    @Test
    void opensslDigestsOfDirectBuffersEqualTheJdksForEveryLengthAndKey() {
        // the test machine has libcrypto.so.3 (as every Debian): the native path must be the one tested here
        assertThat(NativeDigest.AVAILABLE).isTrue();
        // and so does its AES-GCM: every encrypted round trip and tamper test here decrypts through it
        assertThat(NativeAesGcm.AVAILABLE).isTrue();
        Random random = new Random(11);
        for (DatastoreKey key : new DatastoreKey[]{null, DatastoreKey.generate()}) {
            ChunkCodec codec = new ChunkCodec(key);
            for (int length : new int[]{1, 63, 64, 65, 4096, 1 << 20, FormatV1.CHUNK_SIZE}) {
                byte[] data = new byte[length];
                random.nextBytes(data);
                java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(length + 5).position(5).slice().put(data).flip();
                assertThat(codec.digest(direct)).as("key %s, %d bytes", key != null, length).isEqualTo(codec.digest(data, length));
                assertThat(direct.position()).isZero(); // the caller's buffer is not consumed
            }
        }
    }

    @Test
    void digestsAreSha256WithoutAKeyAndKeyedWithOne() throws Exception {
        byte[] data = block(true);
        byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(data);
        assertThat(new ChunkCodec(null).digest(data, data.length).bytes()).isEqualTo(sha);
        Digest keyed = new ChunkCodec(DatastoreKey.generate()).digest(data, data.length);
        assertThat(keyed.bytes()).isNotEqualTo(sha);
    }

    @Test
    void encryptedBlobsHideTheDataAndNeedTheSameKey() {
        DatastoreKey key = DatastoreKey.generate();
        ChunkCodec codec = new ChunkCodec(key);
        byte[] data = block(true);
        Digest d = codec.digest(data, data.length);
        byte[] blob = codec.encode(data, data.length);
        assertThat(blob[4]).isEqualTo(FormatV1.BLOB_ZSTD_AES_GCM);
        assertThat(codec.encode(data, data.length)).isNotEqualTo(blob); // random nonce
        assertThat(codec.decode(blob, d)).isEqualTo(data);
        assertThatThrownBy(() -> new ChunkCodec(DatastoreKey.generate()).decode(blob, d))
                .isInstanceOf(DatastoreException.CorruptChunk.class).hasMessageContaining("another key");
        assertThatThrownBy(() -> new ChunkCodec(null).decode(blob, d)).hasMessageContaining("no key");
    }

    @Test
    void anyFlippedByteIsDetected() {
        ChunkCodec codec = new ChunkCodec(null);
        byte[] data = block(true);
        Digest d = codec.digest(data, data.length);
        byte[] blob = codec.encode(data, data.length);
        for (int at : new int[]{0, 4, 9, blob.length / 2, blob.length - 1}) {
            byte[] bad = Arrays.copyOf(blob, blob.length);
            bad[at] ^= 0x01;
            assertThatThrownBy(() -> codec.decode(bad, d)).as("byte " + at).isInstanceOf(DatastoreException.CorruptChunk.class);
        }
    }

    @Test
    void zeroDetection() {
        byte[] b = new byte[FormatV1.CHUNK_SIZE];
        assertThat(ChunkCodec.isZero(b, b.length)).isTrue();
        b[b.length - 1] = 1;
        assertThat(ChunkCodec.isZero(b, b.length)).isFalse();
        assertThat(ChunkCodec.isZero(b, b.length - 1)).isTrue();
    }

    @Test
    void directBufferEncodingDecodesLikeArrayEncoding() {
        for (DatastoreKey key : new DatastoreKey[]{null, DatastoreKey.generate()}) {
            ChunkCodec codec = new ChunkCodec(key);
            for (boolean compressible : new boolean[]{true, false}) {
                byte[] data = block(compressible);
                java.nio.ByteBuffer in = java.nio.ByteBuffer.allocateDirect(data.length).put(data).flip();
                java.nio.ByteBuffer out = java.nio.ByteBuffer.allocateDirect(ChunkCodec.maxBlobLength());
                Digest d = codec.digest(in);
                assertThat(d).isEqualTo(codec.digest(data, data.length));
                assertThat(ChunkCodec.isZero(in)).isFalse();
                java.nio.ByteBuffer blob = codec.encode(in, out);
                byte[] bytes = new byte[blob.remaining()];
                blob.get(bytes);
                assertThat(codec.decode(bytes, d)).as("key %s compressible %s", key != null, compressible).isEqualTo(data);
            }
        }
        assertThat(ChunkCodec.isZero(java.nio.ByteBuffer.allocateDirect(4096))).isTrue();
    }
}
