package io.holdfast.host.metrics;

import io.holdfast.plugin.api.metrics.MetricSample;
import io.holdfast.plugin.api.metrics.MetricSource;
import io.holdfast.plugin.api.metrics.MetricsExtensions;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plugins' metric sources on the host's Prometheus registry: read at each scrape (a plugin computes them from
 * its tables, which every node sees alike), typed as the plugin says. A source that fails is skipped for that
 * scrape and logged; the rest of the endpoint answers.
 */
@Component
public class PluginMetrics implements MetricsExtensions {

    private static final Logger log = LoggerFactory.getLogger(PluginMetrics.class);

    private final List<MetricSource> sources = new CopyOnWriteArrayList<>();

    public PluginMetrics(PrometheusMeterRegistry registry) {
        registry.getPrometheusRegistry().register(new MultiCollector() {
            @Override
            public MetricSnapshots collect() {
                return snapshots();
            }
        });
    }

    @Override
    public void register(MetricSource source) {
        sources.add(source);
    }

    /** Removes the sources a plugin registered, when it fails to start. */
    public void unregister(List<MetricSource> added) {
        sources.removeAll(added);
    }

    public MetricSnapshots snapshots() {
        Map<String, List<MetricSample>> byName = new LinkedHashMap<>();
        for (MetricSource source : sources) {
            try {
                for (MetricSample s : source.collect()) {
                    byName.computeIfAbsent(s.name(), n -> new ArrayList<>()).add(s);
                }
            } catch (RuntimeException e) {
                log.warn("A plugin's metrics could not be read for this scrape: {}", e.getMessage());
            }
        }
        List<MetricSnapshot> snapshots = new ArrayList<>();
        byName.forEach((name, samples) -> snapshots.add(snapshot(name, samples)));
        return new MetricSnapshots(snapshots);
    }

    private static MetricSnapshot snapshot(String name, List<MetricSample> samples) {
        MetricSample first = samples.getFirst();
        if (first.type() == MetricSample.Type.COUNTER) {
            CounterSnapshot.Builder b = CounterSnapshot.builder().name(name.substring(0, name.length() - "_total".length()))
                    .help(first.help());
            samples.forEach(s -> b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(s.value()).labels(labels(s)).build()));
            return b.build();
        }
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(first.help());
        samples.forEach(s -> b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(s.value()).labels(labels(s)).build()));
        return b.build();
    }

    private static Labels labels(MetricSample s) {
        Labels.Builder b = Labels.builder();
        s.labels().forEach(b::label);
        return b.build();
    }
}
