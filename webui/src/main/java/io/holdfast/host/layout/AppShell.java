package io.holdfast.host.layout;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;

/**
 * The page shell of every view. Server push is on, so views can show what changes on the server (a job's
 * progress, a queue moving) without the browser asking; plugins use it through {@code UI.access}.
 */
@Push
public class AppShell implements AppShellConfigurator {
}
