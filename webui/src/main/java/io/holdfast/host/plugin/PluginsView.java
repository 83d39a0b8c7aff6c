package io.holdfast.host.plugin;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.holdfast.host.layout.MainLayout;
import io.holdfast.plugin.api.ApiVersion;
import jakarta.annotation.security.RolesAllowed;

@Route(value = "admin/plugins", layout = MainLayout.class)
@PageTitle("Plugins · Holdfast")
@RolesAllowed("ADMIN")
public class PluginsView extends VerticalLayout {

    public PluginsView(PluginHost host) {
        Grid<LoadedPlugin> grid = new Grid<>();
        grid.setId("plugins");
        grid.addColumn(p -> p.descriptor() == null ? "?" : p.descriptor().id()).setHeader("Id");
        grid.addColumn(p -> p.descriptor() == null ? "?" : p.descriptor().name()).setHeader("Name").setAutoWidth(true);
        grid.addColumn(p -> p.descriptor() == null ? "?" : p.descriptor().version()).setHeader("Version");
        grid.addColumn(p -> p.descriptor() == null ? "?" : p.descriptor().requiredApi().toString()).setHeader("Plugin API");
        grid.addColumn(p -> p.status().name().toLowerCase()).setHeader("Status");
        grid.addColumn(p -> p.message() == null ? "" : p.message()).setHeader("Message").setAutoWidth(true);
        grid.setItems(host.plugins());
        grid.setAllRowsVisible(true);
        add(new H2("Plugins"), new Paragraph("This host offers plugin API " + ApiVersion.CURRENT
                + ". Install a plugin by putting its jar into plugins/ and restarting."), grid);
    }
}
