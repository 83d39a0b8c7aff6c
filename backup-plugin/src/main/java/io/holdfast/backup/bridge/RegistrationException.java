package io.holdfast.backup.bridge;

/** A bridge daemon's registration was refused; the message is one sentence naming the field when one is wrong. */
public final class RegistrationException extends RuntimeException {

    private final String field;

    public RegistrationException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The form field at fault (url, token, fingerprint), or null. */
    public String field() {
        return field;
    }
}
