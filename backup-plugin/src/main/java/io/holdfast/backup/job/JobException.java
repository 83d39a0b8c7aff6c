package io.holdfast.backup.job;

/** A job request was refused (not found, not yours, not possible now); nothing changed. */
public final class JobException extends RuntimeException {

    public JobException(String message) {
        super(message);
    }
}
