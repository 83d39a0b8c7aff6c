package io.holdfast.host.plugin;

import io.holdfast.plugin.api.PluginDescriptor;
import io.holdfast.plugin.api.PluginFactory;

/**
 * A plugin the host found, and what became of it.
 *
 * @param factory null for a plugin whose factory could not even be loaded
 * @param message why it was refused or failed; null when active
 */
public record LoadedPlugin(PluginFactory factory, PluginDescriptor descriptor, Status status, String message) {

    public enum Status { ACTIVE, REFUSED, FAILED }
}
