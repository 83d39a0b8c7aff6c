package io.holdfast.backup.job;

/** A job request was refused (not found, not yours, not possible now); nothing changed. Its reason is classified here. */
public final class JobException extends RuntimeException {

    /** Why a request was refused, for callers that answer with a status (the REST API). */
    public enum Reason {
        /** Does not exist, or is another tenant's (answered alike). */
        NOT_FOUND,
        /** The caller's role may not do this. */
        FORBIDDEN,
        /** A field of the request is wrong. */
        INVALID,
        /** Not possible in the current state (protected, already ended, no storage, ...). */
        REFUSED
    }

    private final Reason reason;

    public JobException(String message) {
        this(Reason.REFUSED, message);
    }

    private JobException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public static JobException notFound(String message) {
        return new JobException(Reason.NOT_FOUND, message);
    }

    public static JobException forbidden(String message) {
        return new JobException(Reason.FORBIDDEN, message);
    }

    public static JobException invalid(String message) {
        return new JobException(Reason.INVALID, message);
    }

    public Reason reason() {
        return reason;
    }
}
