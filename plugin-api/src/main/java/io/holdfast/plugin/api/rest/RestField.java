package io.holdfast.plugin.api.rest;

/**
 * A field of a request body, for the OpenAPI document and for the host's check of required fields.
 *
 * @param type JSON type: string, integer, boolean
 */
public record RestField(String name, String type, boolean required, String description) {

    public static RestField required(String name, String type, String description) {
        return new RestField(name, type, true, description);
    }

    public static RestField optional(String name, String type, String description) {
        return new RestField(name, type, false, description);
    }
}
