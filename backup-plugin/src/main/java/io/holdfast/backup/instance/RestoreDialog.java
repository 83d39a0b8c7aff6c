package io.holdfast.backup.instance;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import io.holdfast.backup.ui.Formats;
import io.holdfast.backup.ui.Notices;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import io.holdfast.backup.catalog.SnapshotEntry;
import io.holdfast.backup.job.BackupService;
import io.holdfast.backup.job.JobException;
import io.holdfast.plugin.api.inventory.InstanceDirectory;
import io.holdfast.plugin.api.inventory.InstanceRef;

/** Where a backup goes back to, said in plain words before anything is replaced. */
final class RestoreDialog extends Dialog {

    static final String THIS = "This instance";
    static final String NEW = "A new instance";
    static final String OTHER = "Another of your instances";

    RestoreDialog(InstanceRef instance, SnapshotEntry snapshot, BackupService backups, InstanceDirectory instances, Runnable queued) {
        setHeaderTitle("Restore the backup of " + Formats.TIME.format(snapshot.createdAt()));
        setWidth("640px");
        Paragraph warning = new Paragraph();
        warning.setId("restore-warning");
        RadioButtonGroup<String> target = new RadioButtonGroup<>("Restore to");
        target.setId("restore-target");
        target.setItems(THIS, NEW, OTHER);
        TextField newName = new TextField("Name of the new instance");
        newName.setId("restore-new-name");
        newName.setValue(instance.name() + "-restored");
        ComboBox<InstanceRef> other = new ComboBox<>("Instance");
        other.setId("restore-other");
        other.setItems(instances.visible().stream().filter(i -> i.id() != instance.id() && i.tenantId().equals(instance.tenantId())).toList());
        other.setItemLabelGenerator(InstanceRef::name);
        Checkbox backUpFirst = new Checkbox("Back up the current state first", true);
        backUpFirst.setId("restore-backup-first");
        backUpFirst.setHelperText("A backup of the disk as it is now is made before it is replaced; the restore starts "
                + "only if that backup succeeds, so you can go back.");
        target.addValueChangeListener(e -> {
            backUpFirst.setVisible(!NEW.equals(e.getValue()));
            newName.setVisible(NEW.equals(e.getValue()));
            other.setVisible(OTHER.equals(e.getValue()));
            warning.setText(switch (e.getValue()) {
                case NEW -> "A new instance is created from this backup, with a new name, UUID and MAC address. "
                        + instance.name() + " is not touched.";
                case OTHER -> "The chosen instance is powered off, its disk is replaced by this backup, and it is started again. "
                        + "What is on its disk now is lost unless it is backed up first (below). Its disk must be at least as large as the backup's.";
                default -> instance.name() + " is powered off, its current disk is replaced by this backup, and it is started "
                        + "again. Everything written since " + Formats.TIME.format(snapshot.createdAt()) + " is lost, unless it is backed up first (below).";
            });
        });
        target.setValue(THIS);
        add(target, warning, newName, other, backUpFirst);
        Button start = new Button("Restore", e -> {
            try {
                long job = switch (target.getValue()) {
                    case NEW -> backups.restoreToNewInstance(snapshot.id(), newName.getValue());
                    case OTHER -> {
                        if (other.getValue() == null) {
                            throw new JobException("Choose the instance to restore into.");
                        }
                        yield backups.restoreToOtherInstance(snapshot.id(), other.getValue().id(), backUpFirst.getValue());
                    }
                    default -> backups.restoreInPlace(snapshot.id(), backUpFirst.getValue());
                };
                Notices.done("Restore queued (job " + job + ")");
                close();
                queued.run();
            } catch (JobException ex) {
                Notices.refused(ex.getMessage());
            }
        });
        start.setId("restore-start");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        getFooter().add(new Button("Cancel", e -> close()), start);
    }
}
