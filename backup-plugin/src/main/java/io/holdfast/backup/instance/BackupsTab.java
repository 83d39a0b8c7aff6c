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
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.shared.Registration;
import io.holdfast.backup.bridge.Sizes;
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

    private final InstanceRef instance;
    private final BackupService backups;
    private final InstanceDirectory instances;
    private final Grid<SnapshotEntry> snapshots = new Grid<>();
    private final Grid<Job> jobs = new Grid<>();
    private final Paragraph empty = new Paragraph("No backups yet. A backup is a copy of this instance's disks that you can "
            + "restore later; the first one reads every block, later ones only what changed.");
    private Registration polling;
    private String lastJobsState = "";

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
        snapshots.addColumn(s -> TIME.format(s.createdAt())).setHeader("Date").setAutoWidth(true);
        snapshots.addColumn(s -> s.incremental() ? "incremental" : "full read").setHeader("Type").setAutoWidth(true);
        snapshots.addColumn(s -> String.join(", ", s.disks())).setHeader("Disks").setAutoWidth(true);
        snapshots.addColumn(s -> Sizes.human(s.diskBytes())).setHeader("Size").setAutoWidth(true);
        snapshots.addColumn(s -> Sizes.human(s.bytesStored())).setHeader("New data").setAutoWidth(true);
        snapshots.addColumn(s -> String.format(Locale.ROOT, "%.1f s", s.duration().toMillis() / 1000.0)).setHeader("Duration").setAutoWidth(true);
        snapshots.addColumn(s -> switch (s.verifyState()) {
            case "OK" -> "OK " + TIME.format(s.verifiedAt());
            case "DAMAGED" -> "DAMAGED " + TIME.format(s.verifiedAt());
            default -> "not yet";
        }).setHeader("Verified").setAutoWidth(true);
        snapshots.addColumn(s -> s.isProtected() ? "protected" : "").setHeader("Protected").setAutoWidth(true);
        snapshots.addColumn(SnapshotEntry::notes).setHeader("Notes").setFlexGrow(1);
        snapshots.addComponentColumn(this::snapshotActions).setAutoWidth(true);
        snapshots.setAllRowsVisible(true);

        jobs.setId("jobs");
        jobs.addColumn(Job::id).setHeader("Job").setAutoWidth(true);
        jobs.addColumn(j -> j.kind().name().toLowerCase()).setHeader("Kind").setAutoWidth(true);
        jobs.addColumn(j -> j.state().name().toLowerCase()).setHeader("State").setAutoWidth(true);
        jobs.addComponentColumn(BackupsTab::progress).setHeader("Progress").setWidth("160px");
        jobs.addColumn(BackupsTab::figures).setHeader("Rate / ETA").setAutoWidth(true);
        jobs.addColumn(j -> j.error() != null ? j.error() : j.phase() != null ? j.phase() : "").setHeader("Detail").setFlexGrow(1);
        jobs.addComponentColumn(j -> {
            Button log = new Button("Task log", e -> new TaskLogDialog(backups, j.id()).open());
            log.setId("job-log-" + j.id());
            if (j.state().finished()) {
                return log;
            }
            Button cancel = new Button("Cancel", e -> act(() -> backups.cancel(j.id()), "Cancel requested"));
            cancel.setId("job-cancel-" + j.id());
            return new HorizontalLayout(log, cancel);
        }).setAutoWidth(true);
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
        return new HorizontalLayout(restore, verify, protect, delete);
    }

    private static ProgressBar progress(Job j) {
        ProgressBar bar = new ProgressBar(0, 100, j.state().finished() ? 100 : j.percent() == null ? 0 : j.percent());
        bar.setIndeterminate(j.state() == io.holdfast.backup.job.JobState.RUNNING && j.percent() == null);
        return bar;
    }

    private static String figures(Job j) {
        if (j.state() != io.holdfast.backup.job.JobState.RUNNING || j.rateBps() == null) {
            return "";
        }
        String rate = String.format(Locale.ROOT, "%.0f%% · %.1f MB/s", j.percent() == null ? 0 : j.percent(), j.rateBps() / 1e6);
        return j.etaSeconds() == null ? rate : rate + " · ETA " + j.etaSeconds() + " s";
    }

    void act(Supplier<?> action, String done) {
        try {
            action.get();
            Notification.show(done).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (JobException e) {
            Notification n = Notification.show(e.getMessage(), 8000, Notification.Position.MIDDLE);
            n.addThemeVariants(NotificationVariant.LUMO_ERROR);
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
        snapshots.setItems(list);
        snapshots.setVisible(!list.isEmpty());
        empty.setVisible(list.isEmpty());
        refreshJobs();
    }

    private void refreshJobs() {
        List<Job> list = backups.jobs(instance.id());
        jobs.setItems(list);
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
