package io.holdfast.host.plugin;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Paragraph;
import io.holdfast.host.inventory.InventoryService;
import io.holdfast.plugin.api.ui.PageContribution;
import io.holdfast.plugin.api.ui.Panel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Builds what plugins contribute for one visit. A plugin's failure shows as one sentence in its own tab
 * or page (the detail goes to the log) and never breaks the host's page.
 */
@Service
public class PluginViews {

    private static final Logger log = LoggerFactory.getLogger(PluginViews.class);

    private final UiRegistry registry;
    private final InventoryService inventory;

    PluginViews(UiRegistry registry, InventoryService inventory) {
        this.registry = registry;
        this.inventory = inventory;
    }

    public record Tab(String label, Component content) {
    }

    /** The plugin tabs for an instance the current user may see; none for any other instance. */
    public List<Tab> instanceTabs(long instanceId) {
        return inventory.findVisible(instanceId).map(instance -> registry.instanceTabs().stream()
                .map(tab -> new Tab(tab.label(), guarded(tab.label(),
                        () -> tab.content().apply(Directories.ref(instance)))))
                .toList()).orElse(List.of());
    }

    public Optional<Component> page(Panel panel, String path) {
        return registry.page(panel, path).map(page -> guarded(page.menuLabel(), contentOf(page)));
    }

    public Optional<String> title(Panel panel, String path) {
        return registry.page(panel, path).map(PageContribution::menuLabel);
    }

    private static Supplier<Component> contentOf(PageContribution page) {
        return page.content()::get;
    }

    private static Component guarded(String what, Supplier<? extends Component> content) {
        try {
            return content.get();
        } catch (RuntimeException e) {
            String reference = UUID.randomUUID().toString().substring(0, 8);
            log.error("Plugin content '{}' failed (reference {})", what, reference, e);
            return new Paragraph("'" + what + "' could not be shown. The details are in the server log under reference "
                    + reference + ".");
        }
    }
}
