package io.holdfast.host.plugin;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import io.holdfast.host.layout.MainLayout;
import io.holdfast.plugin.api.ui.Panel;
import jakarta.annotation.security.PermitAll;

/** Hosts a plugin's user-panel page. */
@Route(value = "p/:path", layout = MainLayout.class)
@PermitAll
public class UserPluginPageView extends VerticalLayout implements BeforeEnterObserver {

    private final PluginViews views;

    public UserPluginPageView(PluginViews views) {
        this.views = views;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        PluginPages.show(this, views, Panel.USER, event.getRouteParameters().get("path").orElse(""));
    }
}
