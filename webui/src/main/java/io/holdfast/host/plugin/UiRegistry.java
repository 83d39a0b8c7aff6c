package io.holdfast.host.plugin;

import io.holdfast.plugin.api.ui.InstanceTab;
import io.holdfast.plugin.api.ui.PageContribution;
import io.holdfast.plugin.api.ui.Panel;
import io.holdfast.plugin.api.ui.UiExtensions;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** What plugins added to the UI. Written while plugins start, read by every view. */
@Component
public class UiRegistry {

    private final List<PageContribution> pages = new CopyOnWriteArrayList<>();
    private final List<InstanceTab> instanceTabs = new CopyOnWriteArrayList<>();

    public List<PageContribution> pages(Panel panel) {
        return pages.stream().filter(p -> p.panel() == panel).toList();
    }

    public Optional<PageContribution> page(Panel panel, String path) {
        return pages.stream().filter(p -> p.panel() == panel && p.path().equals(path)).findFirst();
    }

    public List<InstanceTab> instanceTabs() {
        return List.copyOf(instanceTabs);
    }

    /** The extensions handed to one plugin; a page path already taken is refused. */
    UiExtensions forPlugin(String pluginId) {
        return new UiExtensions() {
            @Override
            public void addPage(PageContribution page) {
                if (page(page.panel(), page.path()).isPresent()) {
                    throw new IllegalArgumentException("plugin '" + pluginId + "': page path '" + page.path()
                            + "' is already taken in the " + page.panel() + " panel");
                }
                pages.add(page);
            }

            @Override
            public void addInstanceTab(InstanceTab tab) {
                instanceTabs.add(tab);
            }
        };
    }

    void removeAllOf(List<PageContribution> pagesOfPlugin, List<InstanceTab> tabsOfPlugin) {
        pages.removeAll(pagesOfPlugin);
        instanceTabs.removeAll(tabsOfPlugin);
    }
}
