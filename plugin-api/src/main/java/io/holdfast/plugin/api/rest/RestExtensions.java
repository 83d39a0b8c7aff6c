package io.holdfast.plugin.api.rest;

/** Where a plugin adds operations to the host's REST API; call during {@code init}. Since 1.2. */
public interface RestExtensions {

    void add(RestOperation operation);
}
