/**
 * Backup storages: their settings and sealed secrets, validation through the bridge's rules, the probe with
 * server-identity pinning, and which hypervisor backs up where.
 */
package io.holdfast.backup.storage;
