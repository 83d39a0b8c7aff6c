package io.holdfast.host.tenancy;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.holdfast.host.layout.MainLayout;
import io.holdfast.host.layout.Notifications;
import jakarta.annotation.security.RolesAllowed;

@Route(value = "admin/users", layout = MainLayout.class)
@PageTitle("Users · Holdfast")
@RolesAllowed("ADMIN")
public class UsersView extends VerticalLayout {

    public UsersView(TenancyService tenancy) {
        Grid<AppUser> grid = new Grid<>();
        grid.setId("users");
        grid.addColumn(AppUser::getUsername).setHeader("Username");
        grid.addColumn(u -> u.getRole().name().toLowerCase()).setHeader("Role");
        grid.addColumn(u -> u.getTenant().getName()).setHeader("Tenant");
        grid.setItems(tenancy.allUsers());
        grid.setAllRowsVisible(true);

        TextField username = new TextField("Username");
        username.setId("user-name");
        PasswordField password = new PasswordField("Password");
        password.setId("user-password");
        password.setHelperText("At least 8 characters");
        ComboBox<Role> role = new ComboBox<>("Role");
        role.setId("user-role");
        role.setItems(Role.values());
        role.setValue(Role.USER);
        ComboBox<Tenant> tenant = new ComboBox<>("Tenant");
        tenant.setId("user-tenant");
        tenant.setItems(tenancy.allTenants());
        tenant.setItemLabelGenerator(Tenant::getName);
        Button create = new Button("Create user", e -> {
            if (tenant.getValue() == null) {
                Notifications.error("Choose the user's tenant.");
                return;
            }
            try {
                tenancy.createUser(username.getValue(), password.getValue(), role.getValue(), tenant.getValue().getId());
                username.clear();
                password.clear();
                grid.setItems(tenancy.allUsers());
                Notifications.success("User created.");
            } catch (TenancyException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        create.setId("user-create");
        HorizontalLayout form = new HorizontalLayout(username, password, role, tenant, create);
        form.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        add(new H2("Users"), form, grid);
    }
}
