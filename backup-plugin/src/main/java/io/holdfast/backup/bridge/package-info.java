/**
 * Which bridge serves a hypervisor: the in-process one for this machine, or a registered daemon reached over
 * HTTPS with its certificate pinned. The interface and its records live in the bridge module
 * ({@code io.holdfast.bridge.agent}) so the daemon serves exactly what the plugin calls.
 */
package io.holdfast.backup.bridge;
