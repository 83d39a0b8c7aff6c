package io.holdfast.backup.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** The plugin's two kinds of notification: an action done, and a request refused with its one sentence. */
public final class Notices {

    private Notices() {
    }

    public static void done(String text) {
        Notification.show(text).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    /** Stays long enough to read, in the middle of the screen: nothing changed and the sentence says why. */
    public static void refused(String text) {
        Notification n = Notification.show(text, 8000, Notification.Position.MIDDLE);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}
