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

        public CorruptChunk(String digest, String message) {
            super(message);
            this.digest = digest;
        }

        public String digest() {
            return digest;
        }
    }
}
