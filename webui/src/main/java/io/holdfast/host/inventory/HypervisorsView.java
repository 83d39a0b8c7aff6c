package io.holdfast.host.inventory;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.holdfast.host.layout.MainLayout;
import io.holdfast.host.layout.Notifications;
import jakarta.annotation.security.RolesAllowed;

@Route(value = "admin/hypervisors", layout = MainLayout.class)
@PageTitle("Hypervisors · Holdfast")
@RolesAllowed("ADMIN")
public class HypervisorsView extends VerticalLayout {

    public HypervisorsView(InventoryService inventory) {
        Grid<Hypervisor> grid = new Grid<>();
        grid.setId("hypervisors");
        grid.addColumn(Hypervisor::getName).setHeader("Name");
        grid.addColumn(Hypervisor::getUri).setHeader("libvirt URI").setAutoWidth(true);
        grid.addColumn(h -> h.getLastDiscoveryAt() == null ? "never" : h.getLastDiscoveryAt().toString()).setHeader("Last discovery");
        grid.addColumn(h -> h.getLastDiscoveryError() == null ? "OK" : h.getLastDiscoveryError()).setHeader("Status").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.setItems(inventory.allHypervisors());

        TextField name = new TextField("Name");
        TextField uri = new TextField("libvirt URI");
        uri.setPlaceholder("qemu+ssh://root@host/system");
        Button add = new Button("Add hypervisor", e -> {
            try {
                inventory.addHypervisor(name.getValue(), uri.getValue());
                name.clear();
                uri.clear();
                grid.setItems(inventory.allHypervisors());
                Notifications.success("Hypervisor added.");
            } catch (InventoryException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        Button discover = new Button("Discover now", e -> {
            inventory.discoverAll();
            grid.setItems(inventory.allHypervisors());
        });
        HorizontalLayout form = new HorizontalLayout(name, uri, add);
        form.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        add(new H2("Hypervisors"), grid, discover, form);
    }
}
