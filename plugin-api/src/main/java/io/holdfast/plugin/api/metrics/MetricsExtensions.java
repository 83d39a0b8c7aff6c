package io.holdfast.plugin.api.metrics;

/** Where a plugin registers its metric sources (since 1.3). */
public interface MetricsExtensions {

    void register(MetricSource source);
}
