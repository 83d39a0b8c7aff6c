package io.holdfast.plugin.api.metrics;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One value of a metric at scrape time.
 *
 * @param name   Prometheus name, snake case, with the unit (e.g. {@code holdfast_backup_jobs_total},
 *               {@code holdfast_backup_last_success_timestamp_seconds}); a counter's name ends in {@code _total}
 * @param help   one line saying what it counts
 * @param labels label names to values; samples of one name share the same label names
 */
public record MetricSample(String name, String help, Type type, Map<String, String> labels, double value) {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    public enum Type { COUNTER, GAUGE }

    public MetricSample {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a metric name is snake case (was '" + name + "')");
        }
        if (type == Type.COUNTER && !name.endsWith("_total")) {
            throw new IllegalArgumentException("a counter's name ends in _total (was '" + name + "')");
        }
        labels = Map.copyOf(labels);
    }

    public static MetricSample gauge(String name, String help, Map<String, String> labels, double value) {
        return new MetricSample(name, help, Type.GAUGE, labels, value);
    }

    public static MetricSample counter(String name, String help, Map<String, String> labels, double value) {
        return new MetricSample(name, help, Type.COUNTER, labels, value);
    }
}
