package io.holdfast.bridge.datastore;

/** The datastore is unusable or inconsistent: wrong key, corrupt blob, missing snapshot, bad format. */
public class DatastoreException extends RuntimeException {

    public DatastoreException(String message) {
        super(message);
    }

    public DatastoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A blob is missing or does not match its digest. */
    public static final class CorruptChunk extends DatastoreException {
        private final String digest;
        private final boolean missing;

        public CorruptChunk(String digest, String message) {
            this(digest, message, false);
        }

        private CorruptChunk(String digest, String message, boolean missing) {
            super(message);
            this.digest = digest;
            this.missing = missing;
        }

        /** The blob is not there at all (as opposed to there and wrong). */
        public static CorruptChunk missing(String digest) {
            return new CorruptChunk(digest, "chunk " + digest + " is missing", true);
        }

        public boolean isMissing() {
            return missing;
        }

        public String digest() {
            return digest;
        }
    }
}
