package io.holdfast.host.inventory;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.router.RouteParameters;
import io.holdfast.host.layout.MainLayout;
import jakarta.annotation.security.PermitAll;

import java.util.List;

/** The user panel's instance list: only the instances of the user's own tenant (all, for an admin). */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Instances · Holdfast")
@PermitAll
public class InstancesView extends VerticalLayout {

    public InstancesView(InventoryService inventory) {
        add(new H2("Instances"));
        List<Instance> instances = inventory.visibleInstances();
        if (instances.isEmpty()) {
            add(new Paragraph("No instances yet. Ask your provider to assign your virtual machines to your account."));
            return;
        }
        Grid<Instance> grid = new Grid<>();
        grid.setId("instances");
        grid.addComponentColumn(i -> new RouterLink(i.getName(), InstanceView.class,
                new RouteParameters(InstanceView.ID, i.getId().toString()))).setHeader("Name").setAutoWidth(true);
        grid.addColumn(Instance::getState).setHeader("State");
        grid.addColumn(i -> i.getDisks().size()).setHeader("Disks");
        grid.addColumn(i -> i.getHypervisor().getName()).setHeader("Hypervisor");
        grid.setItems(instances);
        grid.setAllRowsVisible(true);
        add(grid);
    }
}
