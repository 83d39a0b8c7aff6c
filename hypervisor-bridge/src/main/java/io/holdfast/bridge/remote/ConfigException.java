package io.holdfast.bridge.remote;

import java.util.List;

/** A storage configuration was refused; every problem names its field. Nothing was changed or contacted. */
public class ConfigException extends RuntimeException {

    private final List<FieldError> errors;

    public ConfigException(List<FieldError> errors) {
        super(String.join("; ", errors.stream().map(FieldError::toString).toList()));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** One refused field and why, e.g. {@code port: must be between 1 and 65535 (was 70000)}. */
    public record FieldError(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }
}
