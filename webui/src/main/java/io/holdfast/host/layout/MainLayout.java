package io.holdfast.host.layout;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.holdfast.host.plugin.UiRegistry;
import io.holdfast.host.security.CurrentUserService;
import io.holdfast.host.tenancy.TenancyService;
import io.holdfast.plugin.api.tenancy.UserRef;
import io.holdfast.plugin.api.ui.PageContribution;
import io.holdfast.plugin.api.ui.Panel;
import jakarta.annotation.security.PermitAll;

/**
 * The shell around every page: the user panel for everyone, the admin panel for admins, each with the
 * pages plugins added.
 */
@PermitAll
public class MainLayout extends AppLayout {

    public MainLayout(CurrentUserService currentUser, TenancyService tenancy, UiRegistry ui,
                      AuthenticationContext authentication) {
        UserRef user = currentUser.require();
        String tenant = tenancy.tenant(user.tenantId()).map(t -> t.getName()).orElse("?");
        H1 title = new H1("Holdfast");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
        Span who = new Span(user.username() + " · " + tenant);
        who.setId("current-user");
        Button logout = new Button("Log out", e -> authentication.logout());
        logout.setId("logout");
        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title, who, logout);
        header.setWidthFull();
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.expand(who);
        header.getStyle().set("padding", "0 var(--lumo-space-m)");
        addToNavbar(header);

        SideNav userNav = new SideNav("My panel");
        userNav.addItem(new SideNavItem("Instances", ""));
        userNav.addItem(new SideNavItem("API tokens", "tokens"));
        for (PageContribution page : ui.pages(Panel.USER)) {
            userNav.addItem(new SideNavItem(page.menuLabel(), "p/" + page.path()));
        }
        VerticalLayout drawer = new VerticalLayout(userNav);
        if (user.admin()) {
            SideNav adminNav = new SideNav("Admin panel");
            adminNav.setId("admin-nav");
            adminNav.addItem(new SideNavItem("Tenants", "admin/tenants"));
            adminNav.addItem(new SideNavItem("Users", "admin/users"));
            adminNav.addItem(new SideNavItem("Hypervisors", "admin/hypervisors"));
            adminNav.addItem(new SideNavItem("Instances", "admin/instances"));
            for (PageContribution page : ui.pages(Panel.ADMIN)) {
                adminNav.addItem(new SideNavItem(page.menuLabel(), "admin/p/" + page.path()));
            }
            adminNav.addItem(new SideNavItem("Plugins", "admin/plugins"));
            drawer.add(adminNav);
        }
        addToDrawer(drawer);
    }
}
