/**
 * The backup plugin. {@link io.holdfast.backup.BackupPluginFactory} is the composition root; the features
 * (storage, catalog, job, bridge, instance, secret) are its sub-packages and never depend on each other in a
 * circle. See docs/backup-plugin.md.
 */
package io.holdfast.backup;
