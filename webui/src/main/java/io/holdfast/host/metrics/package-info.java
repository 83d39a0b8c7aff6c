/**
 * Monitoring: the host's Prometheus endpoint ({@code /actuator/prometheus}, Micrometer through Actuator) and the
 * metric sources plugins register through plugin-api, read at each scrape.
 */
package io.holdfast.host.metrics;
