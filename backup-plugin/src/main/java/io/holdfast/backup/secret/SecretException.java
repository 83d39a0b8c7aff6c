package io.holdfast.backup.secret;

/** A secret could not be sealed or opened: a missing, unreadable or different master key, or a damaged value. */
public final class SecretException extends RuntimeException {

    public SecretException(String message) {
        super(message);
    }

    public SecretException(String message, Throwable cause) {
        super(message, cause);
    }
}
