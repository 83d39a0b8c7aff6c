package io.holdfast.backup.storage.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import io.holdfast.backup.ui.Notices;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import io.holdfast.backup.storage.StorageException;
import io.holdfast.backup.storage.StorageService;
import io.holdfast.backup.storage.StorageSummary;
import io.holdfast.plugin.api.inventory.HypervisorDirectory;
import io.holdfast.plugin.api.inventory.HypervisorRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The admin's Backup Storage page: where backups go, and which hypervisor backs up where. */
public final class StorageAdminPage extends VerticalLayout {

    private final StorageService storages;
    private final HypervisorDirectory hypervisors;
    private final Grid<StorageSummary> grid = new Grid<>();
    private final Paragraph empty = new Paragraph("No backup storage yet. Add one — a local folder, SFTP, FTP or S3 — "
            + "then assign it to a hypervisor below so its instances can be backed up.");
    private final VerticalLayout assignments = new VerticalLayout();

    public StorageAdminPage(StorageService storages, HypervisorDirectory hypervisors) {
        this.storages = storages;
        this.hypervisors = hypervisors;
        setId("backup-storage");
        setSizeFull();
        empty.setId("storage-empty");
        Button add = new Button("Add storage", e -> new StorageDialog(storages, null, this::refresh).open());
        add.setId("storage-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        grid.setId("storages");
        grid.addColumn(StorageSummary::name).setHeader("Name").setWidth("150px").setFlexGrow(0);
        grid.addColumn(s -> s.kind().label()).setHeader("Type").setWidth("130px").setFlexGrow(0);
        grid.addColumn(StorageSummary::where).setHeader("Where").setFlexGrow(1).setTooltipGenerator(StorageSummary::where);
        grid.addColumn(s -> s.enabled() ? "enabled" : "disabled").setHeader("State").setWidth("95px").setFlexGrow(0);
        grid.addColumn(s -> s.encrypted() ? "yes" : "no").setHeader("Encrypted").setWidth("100px").setFlexGrow(0)
                .setTooltipGenerator(s -> s.encrypted() ? "datastore key fingerprint " + s.keyFingerprint() : "not encrypted");
        grid.addColumn(StorageSummary::snapshots).setHeader("Snapshots").setWidth("105px").setFlexGrow(0);
        grid.addColumn(s -> String.join(", ", s.hypervisors())).setHeader("Hypervisors").setWidth("140px").setFlexGrow(0);
        grid.addComponentColumn(this::actions).setHeader("").setWidth("260px").setFlexGrow(0);
        grid.setAllRowsVisible(true);

        assignments.setId("storage-assignments");
        assignments.setPadding(false);
        add(add, empty, grid, new H3("Hypervisors"), assignments);
        refresh();
    }

    private HorizontalLayout actions(StorageSummary s) {
        Button edit = new Button("Edit", e -> new StorageDialog(storages, s, this::refresh).open());
        edit.setId("storage-edit-" + s.name());
        Button toggle = new Button(s.enabled() ? "Disable" : "Enable", e -> act(() -> storages.setEnabled(s.id(), !s.enabled()),
                "Storage " + s.name() + (s.enabled() ? " disabled" : " enabled")));
        toggle.setId("storage-toggle-" + s.name());
        Button delete = new Button("Delete", e -> {
            ConfirmDialog confirm = new ConfirmDialog("Delete storage " + s.name() + "?",
                    "Holdfast forgets this storage. The files already there are left as they are.", "Delete",
                    ok -> act(() -> storages.delete(s.id()), "Storage " + s.name() + " deleted"));
            confirm.setCancelable(true);
            confirm.setConfirmButtonTheme("error primary");
            confirm.open();
        });
        delete.setId("storage-delete-" + s.name());
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        return new HorizontalLayout(edit, toggle, delete);
    }

    private void act(Runnable action, String done) {
        try {
            action.run();
            Notices.done(done);
        } catch (StorageException e) {
            Notices.refused(e.getMessage());
        }
        refresh();
    }

    void refresh() {
        List<StorageSummary> all = storages.list();
        grid.setItems(all);
        grid.setVisible(!all.isEmpty());
        empty.setVisible(all.isEmpty());
        assignments.removeAll();
        List<HypervisorRef> hvs = hypervisors.all();
        if (hvs.isEmpty()) {
            assignments.add(new Paragraph("No hypervisor is registered yet."));
        } else if (all.isEmpty()) {
            // nothing to choose from yet: controls would only show an empty list
            assignments.add(new Paragraph("Once a storage exists, choose here which storages each hypervisor backs up to."));
            return;
        }
        for (HypervisorRef hv : hvs) {
            assignments.add(assignmentRow(hv, all));
        }
    }

    private HorizontalLayout assignmentRow(HypervisorRef hv, List<StorageSummary> all) {
        Map<Long, Boolean> current = storages.assignments(hv.id());
        CheckboxGroup<StorageSummary> chosen = new CheckboxGroup<>(hv.name() + " backs up to");
        chosen.setId("assign-storages-" + hv.name());
        chosen.setItems(all);
        chosen.setItemLabelGenerator(StorageSummary::name);
        chosen.setValue(new java.util.HashSet<>(all.stream().filter(s -> current.containsKey(s.id())).toList()));
        Select<StorageSummary> defaultStorage = new Select<>();
        defaultStorage.setLabel("Default");
        defaultStorage.setId("assign-default-" + hv.name());
        defaultStorage.setItems(all);
        defaultStorage.setItemLabelGenerator(StorageSummary::name);
        all.stream().filter(s -> Boolean.TRUE.equals(current.get(s.id()))).findFirst().ifPresent(defaultStorage::setValue);
        Button save = new Button("Save", e -> act(() -> {
            List<Long> ids = new ArrayList<>(chosen.getValue().stream().map(StorageSummary::id).sorted().toList());
            storages.assign(hv.id(), ids, Optional.ofNullable(defaultStorage.getValue()).map(StorageSummary::id).orElse(null));
        }, "Storages of " + hv.name() + " saved"));
        save.setId("assign-save-" + hv.name());
        Paragraph state = new Paragraph(current.isEmpty() ? "Backups are not enabled on " + hv.name()
                + ": choose at least one enabled storage." : "");
        HorizontalLayout row = new HorizontalLayout(chosen, defaultStorage, save, state);
        row.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        return row;
    }
}
