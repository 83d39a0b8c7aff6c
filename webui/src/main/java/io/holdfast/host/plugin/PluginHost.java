package io.holdfast.host.plugin;

import io.holdfast.host.HostProperties;
import io.holdfast.host.inventory.InventoryService;
import io.holdfast.host.security.CurrentUserService;
import io.holdfast.host.tenancy.TenancyService;
import io.holdfast.plugin.api.ApiVersion;
import io.holdfast.plugin.api.PluginDescriptor;
import io.holdfast.plugin.api.PluginFactory;
import io.holdfast.plugin.api.ui.InstanceTab;
import io.holdfast.plugin.api.ui.PageContribution;
import io.holdfast.plugin.api.ui.UiExtensions;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Finds plugins on the class path ({@code META-INF/services}), refuses those whose API range does not
 * contain this host's API version, starts the rest, and stops them with the host. A plugin that fails is
 * disabled with its reason; the host always starts.
 */
@Service
@Order(5)
public class PluginHost implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

    private final List<LoadedPlugin> plugins = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, io.holdfast.plugin.api.PluginContext> contexts = new java.util.concurrent.ConcurrentHashMap<>();
    private final UiRegistry ui;
    private final TenancyService tenancy;
    private final InventoryService inventory;
    private final CurrentUserService currentUser;
    private final DataSource dataSource;
    private final HostProperties properties;
    private final Environment environment;

    private final io.holdfast.host.api.ApiRegistry rest;
    private final io.holdfast.host.metrics.PluginMetrics metrics;

    PluginHost(UiRegistry ui, TenancyService tenancy, InventoryService inventory, CurrentUserService currentUser,
               DataSource dataSource, HostProperties properties, Environment environment, io.holdfast.host.api.ApiRegistry rest,
               io.holdfast.host.metrics.PluginMetrics metrics) {
        this.rest = rest;
        this.metrics = metrics;
        this.properties = properties;
        this.environment = environment;
        this.ui = ui;
        this.tenancy = tenancy;
        this.inventory = inventory;
        this.currentUser = currentUser;
        this.dataSource = dataSource;
    }

    public List<LoadedPlugin> plugins() {
        return List.copyOf(plugins);
    }

    /** The context an active plugin was given (what it sees of the host), for diagnostics and tests. */
    public java.util.Optional<io.holdfast.plugin.api.PluginContext> context(String pluginId) {
        return java.util.Optional.ofNullable(contexts.get(pluginId));
    }

    @Override
    public void run(ApplicationArguments args) {
        start(discover(Thread.currentThread().getContextClassLoader()));
    }

    List<PluginFactory> discover(ClassLoader classLoader) {
        List<PluginFactory> factories = new ArrayList<>();
        Iterator<PluginFactory> it = ServiceLoader.load(PluginFactory.class, classLoader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                factories.add(it.next());
            } catch (ServiceConfigurationError e) {
                log.error("A plugin could not be loaded and is skipped: {}", e.getMessage(), e);
                plugins.add(new LoadedPlugin(null, null, LoadedPlugin.Status.FAILED, "cannot load: " + e.getMessage()));
            }
        }
        return factories;
    }

    void start(List<PluginFactory> factories) {
        List<LoadedPlugin> started = new ArrayList<>();
        for (PluginFactory factory : factories) {
            LoadedPlugin loaded = init(factory);
            plugins.add(loaded);
            if (loaded.status() == LoadedPlugin.Status.ACTIVE) {
                started.add(loaded);
            }
        }
        for (LoadedPlugin plugin : started) {
            try {
                plugin.factory().postInit();
            } catch (RuntimeException e) {
                log.error("Plugin '{}' failed after start: {}", plugin.descriptor().id(), e.getMessage(), e);
            }
        }
    }

    private LoadedPlugin init(PluginFactory factory) {
        PluginDescriptor descriptor;
        try {
            descriptor = factory.descriptor();
        } catch (RuntimeException e) {
            log.error("Plugin {} has no valid descriptor: {}", factory.getClass().getName(), e.getMessage(), e);
            return new LoadedPlugin(factory, null, LoadedPlugin.Status.FAILED, "invalid descriptor: " + e.getMessage());
        }
        if (!descriptor.requiredApi().contains(ApiVersion.CURRENT)) {
            String message = "Plugin '%s' %s needs plugin API %s, but this host offers %s; it was not started."
                    .formatted(descriptor.id(), descriptor.version(), descriptor.requiredApi(), ApiVersion.CURRENT);
            log.error(message);
            return new LoadedPlugin(factory, descriptor, LoadedPlugin.Status.REFUSED, message);
        }
        TrackingUi tracking = new TrackingUi(ui.forPlugin(descriptor.id()));
        List<io.holdfast.plugin.api.rest.RestOperation> operations = new ArrayList<>();
        List<io.holdfast.plugin.api.metrics.MetricSource> sources = new ArrayList<>();
        try {
            HostPluginContext context = new HostPluginContext(descriptor.id(), properties.dataDir(), environment, tenancy, inventory,
                    currentUser, tracking, dataSource, operation -> {
                        rest.add(operation);
                        operations.add(operation);
                    }, source -> {
                        metrics.register(source);
                        sources.add(source);
                    });
            factory.init(context);
            contexts.put(descriptor.id(), context);
            log.info("Plugin '{}' {} started", descriptor.id(), descriptor.version());
            return new LoadedPlugin(factory, descriptor, LoadedPlugin.Status.ACTIVE, null);
        } catch (RuntimeException | LinkageError e) {
            log.error("Plugin '{}' failed to start and is disabled: {}", descriptor.id(), e.getMessage(), e);
            // nothing of a plugin that failed stays reachable: pages, tabs, REST operations, metrics
            ui.removeAllOf(tracking.pages, tracking.tabs);
            rest.removeAll(operations);
            metrics.unregister(sources);
            closeQuietly(factory);
            return new LoadedPlugin(factory, descriptor, LoadedPlugin.Status.FAILED, "failed to start: " + e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        for (LoadedPlugin plugin : plugins) {
            if (plugin.status() == LoadedPlugin.Status.ACTIVE) {
                closeQuietly(plugin.factory());
            }
        }
    }

    private static void closeQuietly(PluginFactory factory) {
        try {
            factory.close();
        } catch (RuntimeException e) {
            log.warn("Plugin {} failed to close: {}", factory.getClass().getName(), e.getMessage(), e);
        }
    }

    /** Remembers what one plugin added, so a plugin that fails half-way leaves nothing in the UI. */
    private static final class TrackingUi implements UiExtensions {
        private final UiExtensions delegate;
        private final List<PageContribution> pages = new ArrayList<>();
        private final List<InstanceTab> tabs = new ArrayList<>();

        TrackingUi(UiExtensions delegate) {
            this.delegate = delegate;
        }

        @Override
        public void addPage(PageContribution page) {
            delegate.addPage(page);
            pages.add(page);
        }

        @Override
        public void addInstanceTab(InstanceTab tab) {
            delegate.addInstanceTab(tab);
            tabs.add(tab);
        }
    }
}
