package io.holdfast.plugin.api;

/**
 * The entry point of a plugin, found by the host through {@code META-INF/services/io.holdfast.plugin.api.PluginFactory}.
 *
 * <p>Lifecycle (Keycloak-style): the host reads {@link #descriptor()}, refuses the plugin when its
 * {@link PluginDescriptor#requiredApi()} does not contain {@link ApiVersion#CURRENT}, then calls
 * {@link #init(PluginContext)} on every accepted plugin, then {@link #postInit()} on every one, and
 * {@link #close()} when the host stops. A plugin must not call host services before {@code init}.
 */
public interface PluginFactory {

    PluginDescriptor descriptor();

    /** Sets the plugin up: migrations, services, UI contributions. Throwing here disables the plugin. */
    void init(PluginContext context);

    /** Called once every plugin has been initialised; for work that needs the whole host up. */
    default void postInit() {
    }

    /** Releases what {@link #init} acquired. Must not throw for a plugin that never initialised. */
    void close();
}
