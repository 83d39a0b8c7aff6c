package io.holdfast.host.tenancy;

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

@Route(value = "admin/tenants", layout = MainLayout.class)
@PageTitle("Tenants · Holdfast")
@RolesAllowed("ADMIN")
public class TenantsView extends VerticalLayout {

    public TenantsView(TenancyService tenancy) {
        Grid<Tenant> grid = new Grid<>();
        grid.setId("tenants");
        grid.addColumn(Tenant::getName).setHeader("Name");
        grid.addColumn(t -> tenancy.usersOf(t.getId()).size()).setHeader("Users");
        grid.setItems(tenancy.allTenants());
        grid.setAllRowsVisible(true);
        TextField name = new TextField("New tenant");
        name.setId("tenant-name");
        Button create = new Button("Create tenant", e -> {
            try {
                tenancy.createTenant(name.getValue());
                name.clear();
                grid.setItems(tenancy.allTenants());
                Notifications.success("Tenant created.");
            } catch (TenancyException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        create.setId("tenant-create");
        HorizontalLayout form = new HorizontalLayout(name, create);
        form.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        add(new H2("Tenants"), form, grid);
    }
}
