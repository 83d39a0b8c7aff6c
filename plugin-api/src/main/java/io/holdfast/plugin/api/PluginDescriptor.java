package io.holdfast.plugin.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a plugin says about itself.
 *
 * @param id          stable identifier, lower case letters, digits and dashes (also names its tables)
 * @param name        human-readable name
 * @param version     the plugin's own version
 * @param requiredApi the plugin API versions the plugin works with
 */
public record PluginDescriptor(String id, String name, String version, ApiRange requiredApi) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,39}");

    public PluginDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(requiredApi, "requiredApi");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "plugin id '" + id + "' must be 2-40 lower case letters, digits or dashes, starting with a letter");
        }
    }
}
