/**
 * The plugin's side of the bridge: the {@link io.holdfast.backup.bridge.Bridge} interface, its requests and
 * results, and the in-process implementation for the local hypervisor.
 */
package io.holdfast.backup.bridge;
