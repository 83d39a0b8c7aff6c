package io.holdfast.backup.instance;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import io.holdfast.backup.ui.Notices;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import io.holdfast.backup.job.BackupService;
import io.holdfast.backup.job.JobException;
import io.holdfast.plugin.api.inventory.InstanceRef;

import java.util.Optional;

/** Full or incremental, primary disk or all disks; queued at once. */
final class BackupNowDialog extends Dialog {

    static final String FULL = "Full (read every block)";
    static final String INCREMENTAL = "Incremental (only what changed)";
    static final String PRIMARY = "Primary disk only";
    static final String ALL = "All disks";

    BackupNowDialog(InstanceRef instance, BackupService backups, Runnable queued) {
        setHeaderTitle("Back up " + instance.name());
        RadioButtonGroup<String> type = new RadioButtonGroup<>("Type");
        type.setId("backup-type");
        type.setItems(INCREMENTAL, FULL);
        Optional<String> why = backups.whyNoIncremental(instance.id());
        type.setValue(why.isPresent() ? FULL : INCREMENTAL);
        why.ifPresent(reason -> {
            type.setItemEnabledProvider(item -> !item.equals(INCREMENTAL));
            type.setHelperText("Incremental is not available: " + reason);
        });
        RadioButtonGroup<String> disks = new RadioButtonGroup<>("Disks");
        disks.setId("backup-disks");
        disks.setItems(PRIMARY, ALL);
        disks.setValue(instance.disks().size() > 1 ? ALL : PRIMARY);
        // one question under the other: side by side, the two groups' labels ran into each other
        add(new com.vaadin.flow.component.orderedlayout.VerticalLayout(type, disks,
                new Paragraph("The backup runs in the background; the Queue shows its progress.")));
        Button start = new Button("Start backup", e -> {
            try {
                long job = backups.backupNow(instance.id(), FULL.equals(type.getValue()), ALL.equals(disks.getValue()));
                Notices.done("Backup queued (job " + job + ")");
                close();
            } catch (JobException ex) {
                Notices.refused(ex.getMessage());
                close();
                return;
            }
            queued.run();
        });
        start.setId("backup-start");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), start);
    }
}
