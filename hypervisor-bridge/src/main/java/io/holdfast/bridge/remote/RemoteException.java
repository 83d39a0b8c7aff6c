package io.holdfast.bridge.remote;

/** A remote operation failed. {@link #permanent()} says whether retrying could help. */
public class RemoteException extends RuntimeException {

    private final boolean permanent;

    public RemoteException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }

    /** The object is larger than the reader can take: the object is damaged, retrying cannot help. */
    public static final class TooLarge extends RemoteException {
        public TooLarge(String message) {
            super(message, true, null);
        }
    }

    /** The object does not exist. */
    public static final class NotFound extends RemoteException {
        public NotFound(String message) {
            super(message, true, null);
        }
    }
}
