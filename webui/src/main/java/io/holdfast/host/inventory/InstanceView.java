package io.holdfast.host.inventory;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.holdfast.host.layout.MainLayout;
import io.holdfast.host.plugin.PluginViews;
import jakarta.annotation.security.PermitAll;

import java.util.Optional;

/**
 * One instance, with an Overview tab and the tabs plugins add. An instance the user may not see is
 * answered exactly like one that does not exist.
 */
@Route(value = "instances/:id", layout = MainLayout.class)
@PageTitle("Instance · Holdfast")
@PermitAll
public class InstanceView extends VerticalLayout implements BeforeEnterObserver {

    static final String ID = "id";

    private final InventoryService inventory;
    private final PluginViews pluginViews;

    public InstanceView(InventoryService inventory, PluginViews pluginViews) {
        this.inventory = inventory;
        this.pluginViews = pluginViews;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        // a non-numeric id (/instances/abc) is simply an instance that does not exist, not an error
        Optional<Instance> instance = event.getRouteParameters().get(ID).filter(s -> s.matches("\\d{1,18}"))
                .map(Long::parseLong).flatMap(inventory::findVisible);
        if (instance.isEmpty()) {
            add(new H2("Instance not found"), new Paragraph("There is no instance at this address in your account."));
            return;
        }
        Instance i = instance.get();
        add(new H2(i.getName()));
        TabSheet tabs = new TabSheet();
        tabs.setId("instance-tabs");
        tabs.setWidthFull();
        tabs.add("Overview", overview(i));
        pluginViews.instanceTabs(i.getId()).forEach(tab -> tabs.add(tab.label(), tab.content()));
        add(tabs);
    }

    private static Component overview(Instance i) {
        Div div = new Div();
        div.add(new Paragraph("State: " + i.getState()));
        div.add(new Paragraph("Hypervisor: " + i.getHypervisor().getName()));
        div.add(new Paragraph("Domain UUID: " + i.getDomainUuid()));
        i.getDisks().forEach(d -> div.add(new Paragraph("Disk " + d.target() + ": " + d.sourcePath() + " (" + d.format() + ")")));
        return div;
    }
}
