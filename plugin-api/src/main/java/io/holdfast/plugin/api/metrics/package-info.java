/**
 * Since 1.3: how a plugin adds its metrics to the host's Prometheus endpoint, without depending on a metrics
 * library. The host reads them when it is scraped, so a plugin can compute them from its tables (which any
 * node of a cluster sees alike).
 */
package io.holdfast.plugin.api.metrics;
