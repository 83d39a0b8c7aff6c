package io.holdfast.backup.storage;

import io.holdfast.bridge.remote.ConfigException;

import java.util.List;

/** A storage request was refused; nothing changed. Field errors name the form's fields. */
public final class StorageException extends RuntimeException {

    private final List<ConfigException.FieldError> fields;

    public StorageException(String message) {
        super(message);
        this.fields = List.of();
    }

    public StorageException(List<ConfigException.FieldError> fields) {
        super(String.join("; ", fields.stream().map(ConfigException.FieldError::toString).toList()));
        this.fields = List.copyOf(fields);
    }

    public List<ConfigException.FieldError> fields() {
        return fields;
    }
}
