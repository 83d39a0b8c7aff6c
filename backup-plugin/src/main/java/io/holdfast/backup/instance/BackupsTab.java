package io.holdfast.backup.instance;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.holdfast.plugin.api.inventory.InstanceRef;

/** The Backups tab of an instance. The host calls it only for an instance the user may see. */
public final class BackupsTab extends VerticalLayout {

    public BackupsTab(InstanceRef instance) {
        setId("backups-tab");
        add(new Paragraph("No backups of " + instance.name() + " yet."));
    }
}
