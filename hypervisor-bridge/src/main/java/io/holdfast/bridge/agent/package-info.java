/**
 * The agent on one hypervisor, as the plugin and the daemon see it: the {@link io.holdfast.bridge.agent.Bridge}
 * interface, its requests and results (records, no path on the master), and {@link
 * io.holdfast.bridge.agent.InProcessBridge}, which runs the engines in this JVM. The daemon
 * ({@code io.holdfast.bridge.daemon}) serves an in-process bridge over HTTPS; its client implements the same interface.
 */
package io.holdfast.bridge.agent;
