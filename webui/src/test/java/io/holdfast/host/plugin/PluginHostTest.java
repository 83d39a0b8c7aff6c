package io.holdfast.host.plugin;

import io.holdfast.plugin.api.ApiRange;
import io.holdfast.plugin.api.PluginContext;
import io.holdfast.plugin.api.PluginDescriptor;
import io.holdfast.plugin.api.PluginFactory;
import io.holdfast.plugin.api.ui.InstanceTab;
import io.holdfast.plugin.api.ui.PageContribution;
import io.holdfast.plugin.api.ui.Panel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin lifecycle and version check. The plugins here are small real implementations of the
 * factory; host services are not needed (null) because none of these plugins calls them.
 */
class PluginHostTest {

    private final UiRegistry ui = new UiRegistry();
    private final io.holdfast.host.api.ApiRegistry rest = new io.holdfast.host.api.ApiRegistry();
    private final io.holdfast.host.metrics.PluginMetrics metrics = new io.holdfast.host.metrics.PluginMetrics(
            new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT));
    private final PluginHost host = new PluginHost(ui, null, null, null, null,
            new io.holdfast.host.HostProperties(java.nio.file.Path.of("target", "plugin-host-test"), false, "test:///default", "", false, false), null,
            rest, metrics);

    @Test
    void refusesAPluginWhoseApiRangeExcludesThisHostAndNamesBothVersions() {
        RecordingPlugin future = new RecordingPlugin("future", "[2.0,3.0)", false);
        host.start(List.of(future));
        LoadedPlugin loaded = host.plugins().getFirst();
        assertThat(loaded.status()).isEqualTo(LoadedPlugin.Status.REFUSED);
        assertThat(loaded.message()).contains("[2.0,3.0)").contains("1.0");
        assertThat(future.inits.get()).isZero();
    }

    @Test
    void startsAcceptedPluginsThenPostInitsThemAndClosesOnStop() {
        RecordingPlugin a = new RecordingPlugin("alpha", "[1.0,2.0)", false);
        RecordingPlugin b = new RecordingPlugin("beta", "[1.0,2.0)", false);
        host.start(List.of(a, b));
        assertThat(host.plugins()).extracting(LoadedPlugin::status).containsOnly(LoadedPlugin.Status.ACTIVE);
        assertThat(a.postInits.get()).isEqualTo(1);
        assertThat(ui.pages(Panel.ADMIN)).extracting(PageContribution::path).containsExactly("alpha-page", "beta-page");
        host.stop();
        assertThat(a.closes.get()).isEqualTo(1);
        assertThat(b.closes.get()).isEqualTo(1);
    }

    @Test
    void aPluginFailingInInitIsDisabledAndLeavesNothingBehind() {
        RecordingPlugin broken = new RecordingPlugin("broken", "[1.0,2.0)", true);
        RecordingPlugin fine = new RecordingPlugin("fine", "[1.0,2.0)", false);
        host.start(List.of(broken, fine));
        assertThat(host.plugins()).extracting(LoadedPlugin::status)
                .containsExactly(LoadedPlugin.Status.FAILED, LoadedPlugin.Status.ACTIVE);
        assertThat(host.plugins().getFirst().message()).contains("boom");
        assertThat(ui.pages(Panel.ADMIN)).extracting(PageContribution::path).containsExactly("fine-page");
        assertThat(ui.instanceTabs()).hasSize(1);
        assertThat(rest.operations()).extracting(io.holdfast.plugin.api.rest.RestOperation::id).containsExactly("fine-op");
        assertThat(metrics.snapshots()).extracting(s -> s.getMetadata().getName()).containsExactly("fine_things");
        assertThat(broken.closes.get()).isEqualTo(1);
        assertThat(fine.postInits.get()).isEqualTo(1);
        assertThat(broken.postInits.get()).isZero();
    }

    private static final class RecordingPlugin implements PluginFactory {
        final AtomicInteger inits = new AtomicInteger();
        final AtomicInteger postInits = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        private final PluginDescriptor descriptor;
        private final boolean failAfterContributing;

        RecordingPlugin(String id, String range, boolean failAfterContributing) {
            this.descriptor = new PluginDescriptor(id, id, "1.0", ApiRange.parse(range));
            this.failAfterContributing = failAfterContributing;
        }

        @Override
        public PluginDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public void init(PluginContext context) {
            inits.incrementAndGet();
            context.ui().addPage(new PageContribution(Panel.ADMIN, descriptor.id() + "-page", "x", () -> null));
            context.ui().addInstanceTab(new InstanceTab("x", i -> null));
            context.rest().add(new io.holdfast.plugin.api.rest.RestOperation("GET", "/" + descriptor.id(), descriptor.id() + "-op", "x",
                    false, java.util.List.of(), request -> null));
            context.metrics().register(() -> java.util.List.of(io.holdfast.plugin.api.metrics.MetricSample.gauge(
                    descriptor.id() + "_things", "x", java.util.Map.of(), 1)));
            if (failAfterContributing) {
                throw new IllegalStateException("boom");
            }
        }

        @Override
        public void postInit() {
            postInits.incrementAndGet();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }
}
