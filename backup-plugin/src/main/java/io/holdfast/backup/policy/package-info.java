/**
 * Policies: a schedule, GFS retention and where backups go; which instance follows which; what tenants may
 * choose; the retention preview. The rules themselves are the pure {@code policies-gfs} module.
 */
package io.holdfast.backup.policy;
