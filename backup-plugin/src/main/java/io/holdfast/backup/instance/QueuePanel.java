package io.holdfast.backup.instance;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import io.holdfast.backup.job.BackupService;
import io.holdfast.backup.job.BackupService.QueueEntry;
import io.holdfast.backup.job.JobException;
import io.holdfast.backup.job.JobFeed;
import io.holdfast.backup.job.JobState;
import io.holdfast.backup.job.ui.JobText;
import io.holdfast.backup.job.ui.LiveUpdates;
import io.holdfast.backup.ui.Notices;
import io.holdfast.backup.job.ui.TaskLogDialog;
import io.holdfast.plugin.api.inventory.InstanceRef;

import java.util.List;

/**
 * The instance's queue: waiting jobs with their place in line, running ones with a live progress bar,
 * percentage, MB/s and ETA, then the last few that ended, with the reason of a failure in a sentence.
 */
final class QueuePanel extends VerticalLayout {

    static final int RECENT_ENDED = 10;

    private final InstanceRef instance;
    private final BackupService backups;
    private final Grid<QueueEntry> grid = new Grid<>();
    private final Paragraph empty = new Paragraph("Nothing queued. Backups, restores and verifications you start "
            + "appear here with their progress; the Tasks tab keeps every job.");
    private String shown = "";
    private List<QueueEntry> entries = List.of();

    QueuePanel(InstanceRef instance, BackupService backups, JobFeed feed) {
        this.instance = instance;
        this.backups = backups;
        setPadding(false);
        setWidthFull();
        empty.setId("queue-empty");
        grid.setId("queue");
        grid.addColumn(e -> e.job().id()).setHeader("Job").setWidth("70px").setFlexGrow(0);
        grid.addColumn(e -> JobText.kind(e.job())).setHeader("What").setWidth("160px").setFlexGrow(0);
        grid.addColumn(e -> JobText.state(e.job(), e.placeInLine())).setHeader("State").setWidth("150px").setFlexGrow(0);
        grid.addComponentColumn(QueuePanel::progress).setHeader("Progress").setWidth("150px").setFlexGrow(0);
        grid.addColumn(e -> JobText.figures(e.job())).setHeader("Rate / ETA").setWidth("190px").setFlexGrow(0);
        grid.addColumn(e -> JobText.detail(e.job())).setHeader("Detail").setFlexGrow(1).setTooltipGenerator(e -> JobText.detail(e.job()));
        grid.addComponentColumn(this::actions).setWidth("180px").setFlexGrow(0);
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        add(empty, grid);
        refresh();
        LiveUpdates.bind(this, feed, instance.id(), true, this::refresh);
    }

    private static Component progress(QueueEntry e) {
        if (e.job().state() != JobState.RUNNING) {
            return new Span();
        }
        ProgressBar bar = new ProgressBar(0, 100, e.job().percent() == null ? 0 : e.job().percent());
        bar.setIndeterminate(e.job().percent() == null);
        bar.setId("progress-" + e.job().id());
        return bar;
    }

    private Component actions(QueueEntry e) {
        long id = e.job().id();
        Button log = new Button("Task log", click -> TaskLogDialog.open(backups, id));
        log.setId("queue-log-" + id);
        log.getElement().setAttribute("data-row", Integer.toString(entries.indexOf(e)));
        log.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        if (e.job().state().finished()) {
            return log;
        }
        Button cancel = new Button("Cancel", click -> {
            try {
                backups.cancel(id);
                Notices.done("Cancel requested");
            } catch (JobException ex) {
                Notices.refused(ex.getMessage());
            }
            refresh();
        });
        cancel.setId("job-cancel-" + id);
        cancel.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        return new HorizontalLayout(log, cancel);
    }

    /** Re-renders only when something shown changed: rows re-rendered every second would move buttons under the pointer. */
    void refresh() {
        List<QueueEntry> list = backups.queue(instance.id(), RECENT_ENDED);
        String now = list.stream().map(e -> e.job().id() + ":" + JobText.state(e.job(), e.placeInLine()) + ":" + e.job().percent()
                + ":" + JobText.figures(e.job()) + ":" + JobText.detail(e.job())).reduce("", (a, b) -> a + "|" + b);
        if (!now.equals(shown)) {
            entries = list;
            grid.setItems(list);
            shown = now;
        }
        empty.setVisible(list.isEmpty());
        grid.setVisible(!list.isEmpty());
    }
}
