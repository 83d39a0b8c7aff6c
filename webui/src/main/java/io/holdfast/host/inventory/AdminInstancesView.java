package io.holdfast.host.inventory;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.holdfast.host.layout.MainLayout;
import io.holdfast.host.layout.Notifications;
import io.holdfast.host.tenancy.TenancyService;
import io.holdfast.host.tenancy.Tenant;
import jakarta.annotation.security.RolesAllowed;

/** Every instance of every hypervisor, and to which tenant each belongs. Opening the page re-reads libvirt. */
@Route(value = "admin/instances", layout = MainLayout.class)
@PageTitle("Instances (admin) · Holdfast")
@RolesAllowed("ADMIN")
public class AdminInstancesView extends VerticalLayout {

    private final InventoryService inventory;
    private final TenancyService tenancy;
    private final Grid<Instance> grid = new Grid<>();

    public AdminInstancesView(InventoryService inventory, TenancyService tenancy) {
        this.inventory = inventory;
        this.tenancy = tenancy;
        Button discover = new Button("Discover now", e -> discover());
        discover.setId("discover");
        grid.setId("admin-instances");
        grid.addColumn(Instance::getName).setHeader("Name").setAutoWidth(true);
        grid.addColumn(i -> i.getHypervisor().getName()).setHeader("Hypervisor");
        grid.addColumn(Instance::getState).setHeader("State");
        grid.addColumn(i -> i.getTenant() == null ? "(unassigned)" : i.getTenant().getName()).setHeader("Tenant");
        grid.addComponentColumn(i -> {
            Button assign = new Button("Assign…", e -> openAssign(i));
            assign.setId("assign-" + i.getName());
            return assign;
        });
        grid.setAllRowsVisible(true);
        add(new H2("Instances"), discover, grid);
        discover();
    }

    private void discover() {
        inventory.discoverAll();
        grid.setItems(inventory.visibleInstances());
        inventory.allHypervisors().stream().filter(h -> h.getLastDiscoveryError() != null)
                .forEach(h -> Notifications.error("Hypervisor " + h.getName() + ": " + h.getLastDiscoveryError()));
    }

    private void openAssign(Instance instance) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Assign " + instance.getName());
        ComboBox<Tenant> tenant = new ComboBox<>("Tenant");
        tenant.setId("assign-tenant");
        tenant.setItems(tenancy.allTenants());
        tenant.setItemLabelGenerator(Tenant::getName);
        tenant.setClearButtonVisible(true);
        tenant.setHelperText("Leave empty to take the instance away from its tenant.");
        if (instance.getTenant() != null) {
            tenant.setValue(tenancy.tenant(instance.getTenant().getId()).orElse(null));
        }
        Button save = new Button("Save", e -> {
            try {
                inventory.assign(instance.getId(), tenant.getValue() == null ? null : tenant.getValue().getId());
                dialog.close();
                grid.setItems(inventory.visibleInstances());
                Notifications.success("Saved.");
            } catch (InventoryException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        save.setId("assign-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(tenant);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }
}
