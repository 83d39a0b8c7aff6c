package io.holdfast.bridge.datastore;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;

/**
 * The system's OpenSSL ({@code libcrypto.so.3}, on every Debian) for {@link NativeDigest} and
 * {@link NativeAesGcm}: {@link #CRYPTO} is null when it cannot be loaded or when
 * {@code -Dholdfast.native-digest=false} turns both off (then the JDK does the work).
 */
final class OpenSsl {

    static final Linker LINKER = Linker.nativeLinker();
    static final SymbolLookup CRYPTO = load();

    private OpenSsl() {
    }

    private static SymbolLookup load() {
        if (!Boolean.parseBoolean(System.getProperty("holdfast.native-digest", "true"))) {
            return null;
        }
        try {
            return SymbolLookup.libraryLookup("libcrypto.so.3", Arena.global());
        } catch (IllegalArgumentException | IllegalCallerException missingOrRefused) {
            return null;
        }
    }
}
