package io.holdfast.host.plugin;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import io.holdfast.host.layout.MainLayout;
import io.holdfast.plugin.api.ui.Panel;
import jakarta.annotation.security.RolesAllowed;

/** Hosts a plugin's admin-panel page; only admins reach it. */
@Route(value = "admin/p/:path", layout = MainLayout.class)
@RolesAllowed("ADMIN")
public class AdminPluginPageView extends VerticalLayout implements BeforeEnterObserver {

    private final PluginViews views;

    public AdminPluginPageView(PluginViews views) {
        this.views = views;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        PluginPages.show(this, views, Panel.ADMIN, event.getRouteParameters().get("path").orElse(""));
    }
}
