/**
 * The plugin's operations in the host's REST API ({@code /api/v1}): thin adapters over the same services
 * the views call (so the same tenancy and role checks apply), with each service's refusals mapped to a
 * status where they are classified.
 */
package io.holdfast.backup.api;
