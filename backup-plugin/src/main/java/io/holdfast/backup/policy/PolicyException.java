package io.holdfast.backup.policy;

/** A policy request refused, with one sentence that says why (shown as is). */
public final class PolicyException extends RuntimeException {

    private final boolean notFound;

    public PolicyException(String message) {
        this(message, false);
    }

    private PolicyException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    /** What was asked for does not exist (or is not the caller's to see). */
    public static PolicyException notFound(String message) {
        return new PolicyException(message, true);
    }

    public boolean isNotFound() {
        return notFound;
    }
}
