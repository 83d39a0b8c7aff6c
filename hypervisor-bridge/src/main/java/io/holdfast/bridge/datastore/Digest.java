package io.holdfast.bridge.datastore;

import java.util.Arrays;
import java.util.HexFormat;

/** A 32-byte block digest; value semantics. */
public final class Digest {

    private static final HexFormat HEX = HexFormat.of();
    public static final Digest ZERO_BLOCK = new Digest(FormatV1.ZERO_BLOCK_MARKER);

    private final byte[] bytes;
    private final int hash;

    private Digest(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    public static Digest of(byte[] bytes) {
        if (bytes.length != FormatV1.DIGEST_LENGTH) {
            throw new IllegalArgumentException("a digest has " + FormatV1.DIGEST_LENGTH + " bytes, not " + bytes.length);
        }
        return new Digest(bytes.clone());
    }

    public static Digest ofHex(String hex) {
        return of(HEX.parseHex(hex));
    }

    public boolean isZeroBlock() {
        return Arrays.equals(bytes, FormatV1.ZERO_BLOCK_MARKER);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Digest d && Arrays.equals(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return hex();
    }
}
