package io.holdfast.host.plugin;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.holdfast.plugin.api.ui.Panel;

/** Fills a host route with the plugin page at {@code path} of {@code panel}. */
final class PluginPages {

    private PluginPages() {
    }

    static void show(VerticalLayout target, PluginViews views, Panel panel, String path) {
        target.removeAll();
        views.page(panel, path).ifPresentOrElse(
                content -> target.add(new H2(views.title(panel, path).orElse(path)), content),
                () -> target.add(new H2("Page not found"), new Paragraph("No page is installed at this address.")));
    }
}
