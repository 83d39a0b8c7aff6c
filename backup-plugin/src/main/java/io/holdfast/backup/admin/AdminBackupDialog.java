package io.holdfast.backup.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.holdfast.backup.job.BackupService;
import io.holdfast.backup.job.JobException;
import io.holdfast.backup.ui.Notices;
import io.holdfast.plugin.api.inventory.InstanceRef;

import java.util.List;

/** An admin backs up any instance now, whatever its policy, as long as its hypervisor has enabled storage. */
final class AdminBackupDialog extends Dialog {

    AdminBackupDialog(List<InstanceRef> instances, BackupService backups, Runnable queued) {
        setHeaderTitle("Back up an instance");
        ComboBox<InstanceRef> instance = new ComboBox<>("Instance");
        instance.setId("admin-backup-instance");
        instance.setItems(instances);
        instance.setItemLabelGenerator(InstanceRef::name);
        instance.setWidthFull();
        Checkbox full = new Checkbox("Full read (every block), even if an incremental is possible");
        full.setId("admin-backup-full");
        Checkbox allDisks = new Checkbox("All disks (otherwise the primary disk only)", true);
        allDisks.setId("admin-backup-all-disks");
        add(new VerticalLayout(instance, full, allDisks));
        Button start = new Button("Start backup", e -> {
            if (instance.getValue() == null) {
                Notices.refused("Choose the instance to back up.");
                return;
            }
            try {
                long id = instance.getValue().id();
                boolean fullRead = full.getValue() || backups.whyNoIncremental(id).isPresent();
                long job = backups.backupNow(id, fullRead, allDisks.getValue());
                Notices.done("Backup of " + instance.getValue().name() + " queued (job " + job + ")");
                close();
                queued.run();
            } catch (JobException ex) {
                Notices.refused(ex.getMessage());
            }
        });
        start.setId("admin-backup-start");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), start);
    }
}
