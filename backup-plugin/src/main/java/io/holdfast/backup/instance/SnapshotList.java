package io.holdfast.backup.instance;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.holdfast.backup.catalog.SnapshotEntry;
import io.holdfast.backup.job.BackupService;
import io.holdfast.backup.job.JobException;
import io.holdfast.backup.job.JobFeed;
import io.holdfast.backup.policy.PolicyService;
import io.holdfast.backup.ui.PagedRows;
import io.holdfast.backup.ui.Formats;
import io.holdfast.backup.job.ui.LiveUpdates;
import io.holdfast.backup.ui.Notices;
import io.holdfast.bridge.progress.ByteSizes;
import io.holdfast.plugin.api.inventory.InstanceDirectory;
import io.holdfast.plugin.api.inventory.InstanceRef;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** An instance's backups, newest first, loaded page by page as the grid scrolls. */
final class SnapshotList extends VerticalLayout {

    private final InstanceRef instance;
    private final BackupService backups;
    private final Grid<SnapshotEntry> grid = new Grid<>();
    private final VerticalLayout empty = new VerticalLayout();
    private final Button emptyCreate = new Button("Create the first backup");
    private PagedRows<SnapshotEntry> rows;
    private final Map<Long, String> storageNames = new ConcurrentHashMap<>();
    private static final int PAGE = 50;
    private String shown;
    private final PolicyService policies;
    /** Each backup's retention decision under the instance's policy (empty without one). */
    private volatile Map<Long, String> reasons = Map.of();

    SnapshotList(InstanceRef instance, BackupService backups, PolicyService policies, JobFeed feed, InstanceDirectory instances,
                 Runnable queued) {
        this.instance = instance;
        this.backups = backups;
        this.policies = policies;
        setPadding(false);
        setWidthFull();

        Paragraph what = new Paragraph("No backups yet. A backup is a copy of this instance's disks that you can restore "
                + "later, to this instance or a new one; the first one reads every block, later ones only what changed.");
        what.setId("backups-empty");
        emptyCreate.setId("backups-empty-create");
        emptyCreate.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        empty.add(what, emptyCreate);
        empty.setPadding(false);

        grid.setId("snapshots");
        grid.addColumn(s -> Formats.MINUTE.format(s.createdAt())).setHeader("Date").setWidth("140px").setFlexGrow(0).setFrozen(true);
        grid.addColumn(s -> s.incremental() ? "incremental" : "full read").setHeader("Type").setWidth("100px").setFlexGrow(0);
        grid.addColumn(s -> String.join(", ", s.disks())).setHeader("Disks").setWidth("60px").setFlexGrow(0);
        grid.addColumn(s -> ByteSizes.human(s.diskBytes())).setHeader("Size").setWidth("85px").setFlexGrow(0);
        grid.addColumn(s -> ByteSizes.human(s.bytesStored())).setHeader("New data").setWidth("90px").setFlexGrow(0);
        grid.addColumn(s -> Formats.seconds(s.duration())).setHeader("Duration").setWidth("80px").setFlexGrow(0);
        grid.addColumn(s -> storageNames.computeIfAbsent(s.storageId(), backups::storageName) + (s.isCopy() ? " (mirror copy)" : ""))
                .setHeader("Storage").setWidth("170px").setFlexGrow(0)
                .setTooltipGenerator(s -> s.isCopy() ? "A mirror's copy of the backup of the same time: restores like the original" : null);
        grid.addColumn(s -> switch (s.verifyState()) {
            case "OK" -> "OK " + Formats.SHORT.format(s.verifiedAt());
            case "DAMAGED" -> "DAMAGED " + Formats.SHORT.format(s.verifiedAt());
            default -> "not yet";
        }).setHeader("Verified").setWidth("100px").setFlexGrow(0)
                .setTooltipGenerator(s -> s.verifiedAt() == null ? "never verified" : "verified " + Formats.TIME.format(s.verifiedAt()));
        grid.addColumn(s -> s.isProtected() ? "protected" : "").setHeader("Protected").setWidth("90px").setFlexGrow(0);
        grid.addColumn(s -> reasons.getOrDefault(s.id(), s.manual() ? "made by hand" : "")).setHeader("Retention")
                .setWidth("130px").setFlexGrow(1).setTooltipGenerator(s -> reasons.getOrDefault(s.id(), ""));
        grid.addColumn(SnapshotEntry::notes).setHeader("Notes").setWidth("110px").setFlexGrow(1).setTooltipGenerator(SnapshotEntry::notes);
        // the actions stay in view when the columns scroll sideways (a narrow screen)
        grid.addColumn(actions(instances, queued)).setHeader("Actions").setWidth("270px").setFlexGrow(0).setFrozenToEnd(true);
        rows = PagedRows.fill(grid, SnapshotEntry::id, (offset, limit) -> backups.snapshots(instance.id(), offset, limit),
                () -> backups.snapshotCount(instance.id()));
        add(empty, grid);
        // filled when shown (the tab is built with the instance page, shown on a click), not twice
        LiveUpdates.bind(this, feed, instance.id(), false, this::refresh);
    }

    void onEmptyAction(Runnable action) {
        emptyCreate.addClickListener(e -> action.run());
    }

    /**
     * The row's buttons, drawn in the browser from a template (a server-side component per button and row
     * made the grid's first rows take hundreds of milliseconds longer); clicks call back with the row's item.
     */
    private LitRenderer<SnapshotEntry> actions(InstanceDirectory instances, Runnable queued) {
        return LitRenderer.<SnapshotEntry>of("""
                        <vaadin-button theme="small tertiary" id="restore-${item.id}" data-row="${item.row}" @click=${restore}>Restore</vaadin-button>\
                        <vaadin-button theme="small tertiary" id="verify-${item.id}" data-row="${item.row}" @click=${verify}>Verify</vaadin-button>\
                        <vaadin-button theme="small tertiary" id="protect-${item.id}" data-row="${item.row}" @click=${protect}>${item.protect}</vaadin-button>\
                        <vaadin-button theme="small tertiary error" id="delete-${item.id}" data-row="${item.row}" @click=${remove}>Delete</vaadin-button>""")
                .withProperty("id", SnapshotEntry::id)
                .withProperty("row", s -> rows.row(s))
                .withProperty("protect", s -> s.isProtected() ? "Unprotect" : "Protect")
                .withFunction("restore", s -> new RestoreDialog(instance, s, backups, instances, () -> {
                    refresh();
                    queued.run();
                }).open())
                .withFunction("verify", s -> act(() -> backups.verify(s.id()), "Verify queued"))
                .withFunction("protect", s -> act(() -> backups.setProtected(s.id(), !s.isProtected()),
                        s.isProtected() ? "Unprotected" : "Protected"))
                .withFunction("remove", s -> {
                    ConfirmDialog confirm = new ConfirmDialog("Delete this backup?", "The backup of " + Formats.TIME.format(s.createdAt())
                            + " is removed for good. Other backups stay restorable.", "Delete",
                            ok -> act(() -> backups.delete(s.id()), "Delete queued"));
                    confirm.setCancelable(true);
                    confirm.setConfirmButtonTheme("error primary");
                    confirm.open();
                });
    }

    /** After the instance's policy changed: the retention column says what the new policy keeps. */
    void reloadReasons() {
        reasons = policies.retentionReasons(instance.id());
        rows.clear();
        grid.getDataProvider().refreshAll();
    }

    private void act(Supplier<?> action, String done) {
        try {
            action.get();
            Notices.done(done);
        } catch (JobException e) {
            Notices.refused(e.getMessage());
        }
        refresh();
    }

    private void act(Runnable action, String done) {
        act(() -> {
            action.run();
            return null;
        }, done);
    }

    /**
     * Reloads the grid when its first page changed (a backup added, deleted, verified or protected): rows
     * reloaded without need would replace their buttons under the user's pointer.
     */
    void refresh() {
        List<SnapshotEntry> first = backups.snapshots(instance.id(), 0, PAGE);
        String now = first.stream().map(s -> s.id() + ":" + s.isProtected() + ":" + s.verifyState()).reduce("", (a, b) -> a + "|" + b);
        empty.setVisible(first.isEmpty());
        grid.setVisible(!first.isEmpty());
        // a short list takes the room it needs; a long one scrolls and loads page by page
        boolean shortList = first.size() < PAGE;
        grid.setAllRowsVisible(shortList);
        grid.setHeight(shortList ? null : "min(60vh, 600px)");
        Map<Long, String> latest = policies.retentionReasons(instance.id());
        if (!now.equals(shown) || !latest.equals(reasons)) {
            reasons = latest;
            shown = now;
            rows.clear();
            grid.getDataProvider().refreshAll();
        }
    }
}
