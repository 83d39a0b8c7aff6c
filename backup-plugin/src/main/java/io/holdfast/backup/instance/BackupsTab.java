package io.holdfast.backup.instance;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import io.holdfast.backup.ui.Notices;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.shared.Registration;
import io.holdfast.bridge.progress.ByteSizes;
import io.holdfast.backup.catalog.SnapshotEntry;
import io.holdfast.backup.job.BackupService;
import io.holdfast.backup.job.Job;
import io.holdfast.backup.job.JobException;
import io.holdfast.plugin.api.inventory.InstanceDirectory;
import io.holdfast.plugin.api.inventory.InstanceRef;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The Backups tab of an instance: its snapshots (newest first) with restore, verify, protect and delete,
 * "Back up now", and its jobs with live progress (the page polls once a second while shown). The host
 * calls it only for an instance the user may see; the service checks again on every action.
 */
public final class BackupsTab extends VerticalLayout {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final InstanceRef instance;
    private final BackupService backups;
    private final InstanceDirectory instances;
    private final Grid<SnapshotEntry> snapshots = new Grid<>();
    private final Grid<Job> jobs = new Grid<>();
    private final Paragraph empty = new Paragraph("No backups yet. A backup is a copy of this instance's disks that you can "
            + "restore later; the first one reads every block, later ones only what changed.");
    private Registration polling;
    private String lastJobsState = "";
    private String lastJobsShown = "";
    private List<SnapshotEntry> shownSnapshots = List.of();
    private List<Job> shownJobs = List.of();

    public BackupsTab(InstanceRef instance, BackupService backups, InstanceDirectory instances) {
        this.instance = instance;
        this.backups = backups;
        this.instances = instances;
        setId("backups-tab");
        setWidthFull();
        empty.setId("backups-empty");

        Button backupNow = new Button("Back up now", e -> new BackupNowDialog(instance, backups, this::refresh).open());
        backupNow.setId("backup-now");
        backupNow.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        snapshots.setId("snapshots");
        snapshots.addColumn(s -> MINUTE.format(s.createdAt())).setHeader("Date").setWidth("150px").setFlexGrow(0);
        snapshots.addColumn(s -> s.incremental() ? "incremental" : "full read").setHeader("Type").setWidth("100px").setFlexGrow(0);
        snapshots.addColumn(s -> String.join(", ", s.disks())).setHeader("Disks").setWidth("55px").setFlexGrow(0);
        snapshots.addColumn(s -> ByteSizes.human(s.diskBytes())).setHeader("Size").setWidth("80px").setFlexGrow(0);
        snapshots.addColumn(s -> ByteSizes.human(s.bytesStored())).setHeader("New data").setWidth("85px").setFlexGrow(0);
        snapshots.addColumn(s -> String.format(Locale.ROOT, "%.1f s", s.duration().toMillis() / 1000.0)).setHeader("Duration")
                .setWidth("75px").setFlexGrow(0);
        snapshots.addColumn(s -> switch (s.verifyState()) {
            case "OK" -> "OK " + SHORT.format(s.verifiedAt());
            case "DAMAGED" -> "DAMAGED " + SHORT.format(s.verifiedAt());
            default -> "not yet";
        }).setHeader("Verified").setWidth("105px").setFlexGrow(0)
                .setTooltipGenerator(s -> s.verifiedAt() == null ? "never verified" : "verified " + TIME.format(s.verifiedAt()));
        snapshots.addColumn(s -> s.isProtected() ? "protected" : "").setHeader("Protected").setWidth("90px").setFlexGrow(0);
        snapshots.addColumn(SnapshotEntry::notes).setHeader("Notes").setFlexGrow(1).setTooltipGenerator(SnapshotEntry::notes);
        snapshots.addComponentColumn(this::snapshotActions).setWidth("270px").setFlexGrow(0);
        snapshots.setAllRowsVisible(true);

        jobs.setId("jobs");
        jobs.addColumn(Job::id).setHeader("Job").setWidth("70px").setFlexGrow(0);
        jobs.addColumn(JobText::kind).setHeader("Kind").setWidth("170px").setFlexGrow(0);
        jobs.addColumn(j -> j.state().name().toLowerCase()).setHeader("State").setWidth("100px").setFlexGrow(0);
        jobs.addComponentColumn(BackupsTab::progress).setHeader("Progress").setWidth("150px").setFlexGrow(0);
        jobs.addColumn(JobText::figures).setHeader("Rate / ETA").setWidth("190px").setFlexGrow(0);
        jobs.addColumn(JobText::detail).setHeader("Detail").setFlexGrow(1).setTooltipGenerator(JobText::detail);
        jobs.addComponentColumn(j -> {
            Button log = new Button("Task log", e -> new TaskLogDialog(backups, j.id()).open());
            log.setId("job-log-" + j.id());
            log.getElement().setAttribute("data-row", Integer.toString(shownJobs.indexOf(j)));
            if (j.state().finished()) {
                return log;
            }
            Button cancel = new Button("Cancel", e -> act(() -> backups.cancel(j.id()), "Cancel requested"));
            cancel.setId("job-cancel-" + j.id());
            return new HorizontalLayout(log, cancel);
        }).setWidth("200px").setFlexGrow(0);
        jobs.setAllRowsVisible(true);

        add(new HorizontalLayout(backupNow), empty, snapshots, new H3("Jobs"), jobs);
        refresh();
    }

    private HorizontalLayout snapshotActions(SnapshotEntry s) {
        Button restore = new Button("Restore", e -> new RestoreDialog(instance, s, backups, instances, this::refresh).open());
        restore.setId("restore-" + s.id());
        Button verify = new Button("Verify", e -> act(() -> backups.verify(s.id()), "Verify queued"));
        verify.setId("verify-" + s.id());
        Button protect = new Button(s.isProtected() ? "Unprotect" : "Protect",
                e -> act(() -> backups.setProtected(s.id(), !s.isProtected()), s.isProtected() ? "Unprotected" : "Protected"));
        protect.setId("protect-" + s.id());
        Button delete = new Button("Delete", e -> {
            ConfirmDialog confirm = new ConfirmDialog("Delete this backup?", "The backup of " + TIME.format(s.createdAt())
                    + " is removed for good. Other backups stay restorable.", "Delete", ok -> act(() -> backups.delete(s.id()), "Delete queued"));
            confirm.setCancelable(true);
            confirm.setConfirmButtonTheme("error primary");
            confirm.open();
        });
        delete.setId("delete-" + s.id());
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        for (Button b : new Button[]{restore, verify, protect, delete}) {
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        }
        // the row's place, newest first: a browser's DOM order of grid cells is not the order shown
        int row = shownSnapshots.indexOf(s);
        for (Button b : new Button[]{restore, verify, protect, delete}) {
            b.getElement().setAttribute("data-row", Integer.toString(row));
        }
        HorizontalLayout actions = new HorizontalLayout(restore, verify, protect, delete);
        actions.setSpacing(false);
        return actions;
    }

    private static com.vaadin.flow.component.Component progress(Job j) {
        if (j.state() != io.holdfast.backup.job.JobState.RUNNING) {
            return new com.vaadin.flow.component.html.Span();
        }
        ProgressBar bar = new ProgressBar(0, 100, j.percent() == null ? 0 : j.percent());
        bar.setIndeterminate(j.percent() == null);
        return bar;
    }

    void act(Supplier<?> action, String done) {
        try {
            action.get();
            Notices.done(done);
        } catch (JobException e) {
            Notices.refused(e.getMessage());
        }
        refresh();
    }

    void act(Runnable action, String done) {
        act(() -> {
            action.run();
            return null;
        }, done);
    }

    void refresh() {
        List<SnapshotEntry> list = backups.snapshots(instance.id());
        shownSnapshots = list;
        snapshots.setItems(list);
        snapshots.setVisible(!list.isEmpty());
        empty.setVisible(list.isEmpty());
        refreshJobs();
    }

    /**
     * Re-renders the jobs only when something shown changed: a grid re-rendered every second would replace
     * its buttons under the user's pointer.
     */
    private void refreshJobs() {
        List<Job> list = backups.jobs(instance.id());
        String shown = list.stream().map(j -> j.id() + ":" + j.state() + ":" + JobText.figures(j) + ":" + JobText.detail(j))
                .reduce("", (a, b) -> a + "|" + b);
        if (!shown.equals(lastJobsShown)) {
            shownJobs = list;
            jobs.setItems(list);
            lastJobsShown = shown;
        }
        lastJobsState = list.stream().map(j -> j.id() + j.state().name()).reduce("", String::concat);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        ui.setPollInterval(1000);
        polling = ui.addPollListener(e -> {
            String before = lastJobsState;
            refreshJobs();
            if (!before.equals(lastJobsState)) {
                refresh();
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (polling != null) {
            polling.remove();
        }
        event.getUI().setPollInterval(-1);
    }
}
