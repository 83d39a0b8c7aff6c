package io.holdfast.host.api;

/** A token request refused; one sentence for the UI. */
public class ApiTokenException extends RuntimeException {

    public ApiTokenException(String message) {
        super(message);
    }
}
