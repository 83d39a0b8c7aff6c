package io.holdfast.backup.bridge.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.holdfast.backup.bridge.BridgeRegistration;
import io.holdfast.backup.bridge.BridgeRegistry;
import io.holdfast.backup.bridge.RegistrationException;
import io.holdfast.backup.ui.Notices;
import io.holdfast.plugin.api.inventory.HypervisorDirectory;
import io.holdfast.plugin.api.inventory.HypervisorRef;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Backup Hypervisors: for each hypervisor, which bridge runs its jobs — the in-process one (this machine), a
 * registered daemon (URL, pinned fingerprint, last Test), or none yet — with Register, Test and Remove.
 */
public final class HypervisorsPage extends VerticalLayout {

    private final BridgeRegistry registry;
    private final HypervisorDirectory hypervisors;
    private final Grid<HypervisorRef> grid = new Grid<>();
    private final Paragraph empty = new Paragraph("No hypervisor is known to the platform yet. Once one is added, register "
            + "its bridge daemon here (`holdfast-bridge serve` on the hypervisor; docs/bridge-daemon.md).");
    private Map<Long, BridgeRegistration> registrations = Map.of();

    public HypervisorsPage(BridgeRegistry registry, HypervisorDirectory hypervisors) {
        this.registry = registry;
        this.hypervisors = hypervisors;
        setId("backup-hypervisors");
        setSizeFull();
        empty.setId("hypervisors-empty");
        Paragraph intro = new Paragraph("Backup data flows from each hypervisor straight to the storage. This machine's "
                + "hypervisor is served in-process unless a daemon is registered for it; any other needs its bridge daemon: "
                + "run `holdfast-bridge fingerprint` there and register the address, fingerprint and token it prints.");
        grid.setId("hypervisors");
        grid.addColumn(HypervisorRef::name).setHeader("Hypervisor").setWidth("150px").setFlexGrow(0);
        grid.addColumn(HypervisorRef::uri).setHeader("libvirt").setWidth("170px").setFlexGrow(0);
        grid.addComponentColumn(this::bridgeCell).setHeader("Bridge").setFlexGrow(1);
        grid.addComponentColumn(this::actions).setHeader("").setWidth("290px").setFlexGrow(0);
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        add(intro, empty, grid);
        refresh();
    }

    private Span bridgeCell(HypervisorRef hv) {
        BridgeRegistration r = registrations.get(hv.id());
        Span cell;
        if (r != null) {
            String verdict = r.checkOk() == null ? "not tested yet"
                    : r.checkOk() ? "tested OK at " + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                    .withZone(java.time.ZoneId.systemDefault()).format(r.checkedAt())
                    : "Test failed: " + r.checkMessage();
            cell = new Span("daemon " + r.url() + " — " + verdict);
            cell.getElement().setAttribute("title", (r.checkMessage() == null ? "" : r.checkMessage() + " ") + "Pinned certificate "
                    + r.fingerprint() + ".");
        } else if (isLocal(hv)) {
            cell = new Span("in-process (this machine)");
        } else {
            cell = new Span("none: register its bridge daemon to back up its instances");
        }
        cell.setId("bridge-" + hv.name());
        return cell;
    }

    private static boolean isLocal(HypervisorRef hv) {
        return hv.uri().equals("qemu:///system") || hv.uri().equals("qemu:///session");
    }

    private HorizontalLayout actions(HypervisorRef hv) {
        BridgeRegistration r = registrations.get(hv.id());
        Button register = new Button(r == null ? "Register daemon" : "Edit", e -> new RegistrationDialog(registry, hv, r, this::refresh).open());
        register.setId("bridge-register-" + hv.name());
        HorizontalLayout actions = new HorizontalLayout(register);
        if (r != null) {
            Button test = new Button("Test", e -> {
                try {
                    BridgeRegistration checked = registry.test(hv.id());
                    if (Boolean.TRUE.equals(checked.checkOk())) {
                        Notices.done(checked.checkMessage());
                    } else {
                        Notices.refused(checked.checkMessage());
                    }
                } catch (RegistrationException ex) {
                    Notices.refused(ex.getMessage());
                }
                refresh();
            });
            test.setId("bridge-test-" + hv.name());
            Button remove = new Button("Remove", e -> {
                ConfirmDialog confirm = new ConfirmDialog("Remove the bridge daemon of " + hv.name() + "?",
                        isLocal(hv) ? "Its jobs run in-process again." : "Its instances cannot be backed up until a daemon is registered again.",
                        "Remove", ok -> {
                    try {
                        registry.remove(hv.id());
                        Notices.done("Bridge daemon of " + hv.name() + " removed");
                    } catch (RegistrationException ex) {
                        Notices.refused(ex.getMessage());
                    }
                    refresh();
                });
                confirm.setCancelable(true);
                confirm.setConfirmButtonTheme("error primary");
                confirm.open();
            });
            remove.setId("bridge-remove-" + hv.name());
            remove.addThemeVariants(ButtonVariant.LUMO_ERROR);
            actions.add(test, remove);
        }
        return actions;
    }

    void refresh() {
        List<HypervisorRef> all = hypervisors.all();
        try {
            registrations = registry.list().stream().collect(Collectors.toMap(BridgeRegistration::hypervisorId, Function.identity()));
        } catch (RegistrationException e) {
            registrations = Map.of();
            Notices.refused(e.getMessage());
        }
        grid.setItems(all);
        grid.setVisible(!all.isEmpty());
        empty.setVisible(all.isEmpty());
    }
}
