package io.holdfast.backup.policy;

/** A policy request refused, with one sentence that says why (shown as is). */
public final class PolicyException extends RuntimeException {

    public PolicyException(String message) {
        super(message);
    }
}
