package io.holdfast.bridge.datastore;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * SHA-256 and HMAC-SHA256 of a direct buffer by the system's OpenSSL ({@code libcrypto.so.3}, on every
 * Debian), called through the FFM API. Why: the JDK's SHA-256 uses the CPU's SHA instructions only once
 * C2 has compiled it; until then, in every short-lived CLI run and early in every job, it hashes in plain
 * Java, and it copies a direct buffer through a small array first. OpenSSL hashes the buffer in place at
 * full speed from the first block (measured in docs/performance.md). When the library is missing, or
 * {@code -Dholdfast.native-digest=false}, or its answer to a known input is wrong, {@link #AVAILABLE} is
 * false and {@link ChunkCodec} uses the JDK.
 */
final class NativeDigest {

    static final boolean AVAILABLE;
    private static final MethodHandle EVP_DIGEST;
    private static final MethodHandle HMAC;
    private static final MemorySegment SHA256;
    private static final ThreadLocal<MemorySegment> OUT = ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(64));

    static {
        MethodHandle digest = null;
        MethodHandle hmac = null;
        MemorySegment sha256 = MemorySegment.NULL;
        boolean available = false;
        if (OpenSsl.CRYPTO != null) {
            try {
                SymbolLookup crypto = OpenSsl.CRYPTO;
                Linker linker = OpenSsl.LINKER;
                sha256 = (MemorySegment) linker.downcallHandle(crypto.findOrThrow("EVP_sha256"), FunctionDescriptor.of(ADDRESS))
                        .invokeExact();
                // int EVP_Digest(const void *data, size_t count, unsigned char *md, unsigned int *size, const EVP_MD *type, ENGINE *impl)
                digest = linker.downcallHandle(crypto.findOrThrow("EVP_Digest"),
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
                // unsigned char *HMAC(const EVP_MD *md, const void *key, int key_len, const unsigned char *d, size_t n, unsigned char *out, unsigned int *out_len)
                hmac = linker.downcallHandle(crypto.findOrThrow("HMAC"),
                        FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS));
                available = true;
            } catch (Throwable unavailable) {
                // no libcrypto.so.3, or native access refused: the JDK's digests it is
            }
        }
        EVP_DIGEST = digest;
        HMAC = hmac;
        SHA256 = sha256;
        AVAILABLE = available && selfTest();
    }

    private NativeDigest() {
    }

    /** SHA-256 of {@code data}'s remaining bytes (a direct buffer; its position does not move). */
    static byte[] sha256(ByteBuffer data) {
        MemorySegment in = MemorySegment.ofBuffer(data);
        MemorySegment out = OUT.get();
        int ok;
        try {
            ok = (int) EVP_DIGEST.invokeExact(in, in.byteSize(), out, MemorySegment.NULL, SHA256, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new IllegalStateException("OpenSSL EVP_Digest failed", t);
        }
        if (ok != 1) {
            throw new IllegalStateException("OpenSSL EVP_Digest failed");
        }
        return out.asSlice(0, 32).toArray(JAVA_BYTE);
    }

    /** HMAC-SHA256 of {@code data}'s remaining bytes under {@code key} (native memory, see {@link #key}). */
    static byte[] hmacSha256(MemorySegment key, ByteBuffer data) {
        MemorySegment in = MemorySegment.ofBuffer(data);
        MemorySegment out = OUT.get();
        MemorySegment result;
        try {
            result = (MemorySegment) HMAC.invokeExact(SHA256, key, (int) key.byteSize(), in, in.byteSize(), out, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new IllegalStateException("OpenSSL HMAC failed", t);
        }
        if (result.address() == 0) {
            throw new IllegalStateException("OpenSSL HMAC failed");
        }
        return out.asSlice(0, 32).toArray(JAVA_BYTE);
    }

    /** A copy of {@code key} in native memory, freed with the codec that holds it. */
    static MemorySegment key(byte[] key) {
        return Arena.ofAuto().allocate(key.length).copyFrom(MemorySegment.ofArray(key));
    }

    /** Whether OpenSSL agrees with the JDK on a known input: a wrong answer here would corrupt datastores. */
    private static boolean selfTest() {
        try {
            byte[] sample = "holdfast native digest self-test".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            ByteBuffer direct = ByteBuffer.allocateDirect(sample.length).put(sample).flip();
            if (!Arrays.equals(sha256(direct), MessageDigest.getInstance("SHA-256").digest(sample))) {
                return false;
            }
            byte[] k = new byte[32];
            Arrays.fill(k, (byte) 7);
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(k, "HmacSHA256"));
            return Arrays.equals(hmacSha256(key(k), direct), mac.doFinal(sample));
        } catch (Throwable t) {
            return false;
        }
    }
}
