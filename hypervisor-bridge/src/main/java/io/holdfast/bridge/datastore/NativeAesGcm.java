package io.holdfast.bridge.datastore;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * AES-256-GCM decryption of a direct buffer by the system's OpenSSL, through the FFM API, for the same
 * reason as {@link NativeDigest}: the JDK's AES-GCM is fast only once C2 has compiled it, and an encrypted
 * restore spent a quarter of its CPU there. Decryption only (restore and verify read every chunk);
 * encryption stays in the JDK. The tag is checked by {@code EVP_DecryptFinal_ex}: a blob that fails it is
 * reported exactly as the JDK's {@code AEADBadTagException} would be. {@link #AVAILABLE} is false without
 * the library, with {@code -Dholdfast.native-digest=false}, or when a self-test against the JDK fails.
 */
final class NativeAesGcm {

    static final boolean AVAILABLE;
    private static final int EVP_CTRL_GCM_SET_TAG = 0x11;
    private static final int TAG_LENGTH = 16;
    private static final MethodHandle CTX_NEW;
    private static final MethodHandle CTX_FREE;
    private static final MethodHandle INIT;
    private static final MethodHandle UPDATE;
    private static final MethodHandle CTRL;
    private static final MethodHandle FINAL;
    private static final MemorySegment AES_256_GCM;

    static {
        MethodHandle ctxNew = null;
        MethodHandle ctxFree = null;
        MethodHandle init = null;
        MethodHandle update = null;
        MethodHandle ctrl = null;
        MethodHandle fin = null;
        MemorySegment cipher = MemorySegment.NULL;
        boolean available = false;
        if (OpenSsl.CRYPTO != null) {
            try {
                SymbolLookup crypto = OpenSsl.CRYPTO;
                Linker linker = OpenSsl.LINKER;
                cipher = (MemorySegment) linker.downcallHandle(crypto.findOrThrow("EVP_aes_256_gcm"), FunctionDescriptor.of(ADDRESS))
                        .invokeExact();
                ctxNew = linker.downcallHandle(crypto.findOrThrow("EVP_CIPHER_CTX_new"), FunctionDescriptor.of(ADDRESS));
                ctxFree = linker.downcallHandle(crypto.findOrThrow("EVP_CIPHER_CTX_free"), FunctionDescriptor.ofVoid(ADDRESS));
                // int EVP_DecryptInit_ex(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *type, ENGINE *impl, const unsigned char *key, const unsigned char *iv)
                init = linker.downcallHandle(crypto.findOrThrow("EVP_DecryptInit_ex"),
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
                // int EVP_DecryptUpdate(EVP_CIPHER_CTX *ctx, unsigned char *out, int *outl, const unsigned char *in, int inl)
                update = linker.downcallHandle(crypto.findOrThrow("EVP_DecryptUpdate"),
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
                // int EVP_CIPHER_CTX_ctrl(EVP_CIPHER_CTX *ctx, int type, int arg, void *ptr)
                ctrl = linker.downcallHandle(crypto.findOrThrow("EVP_CIPHER_CTX_ctrl"),
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
                // int EVP_DecryptFinal_ex(EVP_CIPHER_CTX *ctx, unsigned char *outm, int *outl)
                fin = linker.downcallHandle(crypto.findOrThrow("EVP_DecryptFinal_ex"),
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
                available = true;
            } catch (Throwable unavailable) {
                // no libcrypto.so.3, or native access refused: the JDK's cipher it is
            }
        }
        CTX_NEW = ctxNew;
        CTX_FREE = ctxFree;
        INIT = init;
        UPDATE = update;
        CTRL = ctrl;
        FINAL = fin;
        AES_256_GCM = cipher;
        AVAILABLE = available && selfTest();
    }

    private NativeAesGcm() {
    }

    /**
     * Decrypts {@code sealed} (direct: ciphertext then the 16-byte tag, position to limit) into {@code plain}
     * (direct, from 0); returns the plaintext length, or -1 when the tag does not match (wrong key or
     * damaged blob), in which case {@code plain} holds garbage.
     */
    static int decrypt(MemorySegment key, byte[] nonce, byte[] aad, ByteBuffer sealed, ByteBuffer plain) {
        int length = sealed.remaining() - TAG_LENGTH;
        if (length < 0 || plain.capacity() < length) {
            return -1;
        }
        MemorySegment in = MemorySegment.ofBuffer(sealed);
        MemorySegment out = MemorySegment.ofBuffer(plain.clear());
        try (Arena call = Arena.ofConfined()) {
            MemorySegment iv = call.allocateFrom(JAVA_BYTE, nonce);
            MemorySegment associated = call.allocateFrom(JAVA_BYTE, aad);
            MemorySegment tag = call.allocate(TAG_LENGTH).copyFrom(in.asSlice(length, TAG_LENGTH));
            MemorySegment written = call.allocate(JAVA_INT);
            MemorySegment ctx = (MemorySegment) CTX_NEW.invokeExact();
            if (ctx.address() == 0) {
                throw new IllegalStateException("OpenSSL EVP_CIPHER_CTX_new failed");
            }
            try {
                check((int) INIT.invokeExact(ctx, AES_256_GCM, MemorySegment.NULL, key, iv));
                check((int) UPDATE.invokeExact(ctx, MemorySegment.NULL, written, associated, aad.length));
                check((int) UPDATE.invokeExact(ctx, out, written, in, length));
                int total = written.get(JAVA_INT, 0);
                check((int) CTRL.invokeExact(ctx, EVP_CTRL_GCM_SET_TAG, TAG_LENGTH, tag));
                int ok = (int) FINAL.invokeExact(ctx, out.asSlice(total), written);
                return ok > 0 ? total + written.get(JAVA_INT, 0) : -1;
            } finally {
                CTX_FREE.invokeExact(ctx);
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("OpenSSL AES-GCM failed", t);
        }
    }

    private static void check(int result) {
        if (result != 1) {
            throw new IllegalStateException("OpenSSL AES-GCM call failed");
        }
    }

    /** Whether OpenSSL decrypts what the JDK encrypted, and refuses it with one bit changed. */
    private static boolean selfTest() {
        try {
            byte[] key = new byte[32];
            byte[] nonce = new byte[12];
            new SecureRandom().nextBytes(key);
            new SecureRandom().nextBytes(nonce);
            byte[] aad = {1, 2, 3};
            byte[] text = "holdfast native cipher self-test".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            javax.crypto.Cipher jdk = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            jdk.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                    new javax.crypto.spec.GCMParameterSpec(128, nonce));
            jdk.updateAAD(aad);
            byte[] sealed = jdk.doFinal(text);
            MemorySegment nativeKey = NativeDigest.key(key);
            ByteBuffer in = ByteBuffer.allocateDirect(sealed.length).put(sealed).flip();
            ByteBuffer out = ByteBuffer.allocateDirect(64);
            int n = decrypt(nativeKey, nonce, aad, in, out);
            byte[] back = new byte[Math.max(0, n)];
            out.get(0, back);
            in.put(0, (byte) (sealed[0] ^ 1));
            return n == text.length && Arrays.equals(back, text) && decrypt(nativeKey, nonce, aad, in, out) == -1;
        } catch (Throwable t) {
            return false;
        }
    }
}
