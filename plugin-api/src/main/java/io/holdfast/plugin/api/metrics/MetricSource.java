package io.holdfast.plugin.api.metrics;

import java.util.List;

/** Called by the host at each scrape; answers quickly (a few queries) and never throws for want of data. */
@FunctionalInterface
public interface MetricSource {

    List<MetricSample> collect();
}
