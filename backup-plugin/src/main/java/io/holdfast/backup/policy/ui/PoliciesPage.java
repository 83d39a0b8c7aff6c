package io.holdfast.backup.policy.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import io.holdfast.backup.policy.Policy;
import io.holdfast.backup.policy.PolicyException;
import io.holdfast.backup.policy.PolicyService;
import io.holdfast.backup.storage.StorageService;
import io.holdfast.backup.storage.StorageSummary;
import io.holdfast.backup.ui.Notices;
import io.holdfast.plugin.api.inventory.InstanceDirectory;
import io.holdfast.plugin.api.inventory.InstanceRef;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Backup policies: schedule, retention, storage; which instances follow each; what tenants may choose. */
public final class PoliciesPage extends VerticalLayout {

    private final PolicyService policies;
    private final StorageService storages;
    private final InstanceDirectory instances;
    private final Grid<Policy> grid = new Grid<>();
    private final Paragraph empty = new Paragraph("No backup policies yet. A policy backs up the instances that follow it on a "
            + "schedule and keeps what its retention says; \"Add policy\" starts from a 7 daily, 4 weekly, 12 monthly, 3 yearly preset.");

    public PoliciesPage(PolicyService policies, StorageService storages, InstanceDirectory instances) {
        this.policies = policies;
        this.storages = storages;
        this.instances = instances;
        setId("backup-policies");
        empty.setId("policies-empty");
        Button add = new Button("Add policy", e -> new PolicyDialog(policies, storageList(), null, this::refresh).open());
        add.setId("policy-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        grid.setId("policies");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(Policy::name).setHeader("Policy").setWidth("150px").setFlexGrow(0);
        grid.addColumn(p -> p.schedule().describe()).setHeader("Schedule").setFlexGrow(1);
        grid.addColumn(p -> p.retention().describe()).setHeader("Retention").setFlexGrow(1);
        grid.addColumn(p -> (p.offered() ? "offered to tenants" : "") + (p.offered() && p.autoEnrol() ? "; " : "")
                + (p.autoEnrol() ? "auto-enrol" : "")).setHeader("Tenants").setWidth("150px").setFlexGrow(0);
        grid.addColumn(p -> policies.attachedInstances(p.id()).size()).setHeader("Instances").setWidth("90px").setFlexGrow(0);
        grid.addColumn(LitRenderer.<Policy>of("""
                        <vaadin-button theme="small tertiary" id="policy-edit-${item.name}" @click=${edit}>Edit</vaadin-button>\\
                        <vaadin-button theme="small tertiary" id="policy-instances-${item.name}" @click=${attach}>Instances</vaadin-button>\\
                        <vaadin-button theme="small tertiary error" id="policy-delete-${item.name}" @click=${remove}>Delete</vaadin-button>""")
                .withProperty("name", Policy::name)
                .withFunction("edit", p -> new PolicyDialog(policies, storageList(), p, this::refresh).open())
                .withFunction("attach", this::attachDialog)
                .withFunction("remove", p -> {
                    ConfirmDialog confirm = new ConfirmDialog("Delete policy " + p.name() + "?",
                            "Its backups stay; instances must be detached first.", "Delete", ok -> {
                        try {
                            policies.delete(p.id());
                            Notices.done("Policy deleted");
                        } catch (PolicyException ex) {
                            Notices.refused(ex.getMessage());
                        }
                        refresh();
                    });
                    confirm.setCancelable(true);
                    confirm.open();
                })).setWidth("260px").setFlexGrow(0);
        grid.setAllRowsVisible(true);
        add(add, empty, grid);
        refresh();
    }

    private List<StorageSummary> storageList() {
        return storages.list();
    }

    /** Which instances follow the policy: chosen ones are attached (moved from another policy), others detached. */
    private void attachDialog(Policy p) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Instances following " + p.name());
        dialog.setWidth("min(640px, 95vw)");
        MultiSelectComboBox<InstanceRef> chosen = new MultiSelectComboBox<>("Instances");
        chosen.setId("policy-attach");
        chosen.setWidthFull();
        List<InstanceRef> all = instances.visible();
        chosen.setItems(all);
        chosen.setItemLabelGenerator(InstanceRef::name);
        Set<Long> before = new HashSet<>(policies.attachedInstances(p.id()).stream().map(InstanceRef::id).toList());
        chosen.setValue(all.stream().filter(i -> before.contains(i.id())).collect(java.util.stream.Collectors.toSet()));
        dialog.add(new Paragraph("An instance follows one policy at a time: choosing it here moves it from its current one."), chosen);
        Button save = new Button("Save", e -> {
            try {
                Set<Long> after = new HashSet<>();
                for (InstanceRef i : chosen.getValue()) {
                    policies.attach(i.id(), p.id());
                    after.add(i.id());
                }
                for (long id : before) {
                    if (!after.contains(id)) {
                        policies.detach(id);
                    }
                }
                Notices.done(after.size() + " instance" + (after.size() == 1 ? "" : "s") + " follow " + p.name());
                dialog.close();
                refresh();
            } catch (PolicyException ex) {
                Notices.refused(ex.getMessage());
            }
        });
        save.setId("policy-attach-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void refresh() {
        List<Policy> list = policies.all();
        grid.setItems(list);
        grid.setVisible(!list.isEmpty());
        empty.setVisible(list.isEmpty());
    }
}
