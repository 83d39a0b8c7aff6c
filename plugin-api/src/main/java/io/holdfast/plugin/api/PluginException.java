package io.holdfast.plugin.api;

/** Thrown by a plugin that cannot start; the host disables that plugin and starts without it. */
public class PluginException extends RuntimeException {

    public PluginException(String message) {
        super(message);
    }

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
