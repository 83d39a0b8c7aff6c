package io.holdfast.backup.job.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import io.holdfast.backup.job.BackupService;
import io.holdfast.backup.job.JobException;
import io.holdfast.backup.job.TaskLine;
import io.holdfast.backup.ui.Formats;
import io.holdfast.backup.ui.Notices;

import java.util.List;

/** A job's task log: every step, command and libvirt call with its result, and how long each took. */
public final class TaskLogDialog extends Dialog {

    /** A job's log is short; this many lines at most are shown, and the dialog says when there are more. */
    static final int LINES_SHOWN = 2000;

    private TaskLogDialog(BackupService backups, long jobId, List<TaskLine> log) {
        setHeaderTitle("Task log of job " + jobId);
        setWidth("min(1200px, 95vw)");
        Grid<TaskLine> lines = new Grid<>();
        lines.setId("task-log");
        lines.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
        lines.addColumn(l -> Formats.TIME.format(l.at())).setHeader("Time").setWidth("170px").setFlexGrow(0);
        lines.addColumn(TaskLine::level).setHeader("Level").setWidth("75px").setFlexGrow(0);
        lines.addColumn(l -> l.durationMillis() == null ? "" : l.durationMillis() + " ms").setHeader("Took").setWidth("90px").setFlexGrow(0);
        lines.addColumn(TaskLine::message).setHeader("Step").setFlexGrow(1);
        lines.setItems(log.size() > LINES_SHOWN ? log.subList(0, LINES_SHOWN) : log);
        lines.setAllRowsVisible(true);
        add(lines);
        if (log.size() > LINES_SHOWN) {
            add(new Paragraph("Only the first " + LINES_SHOWN + " lines are shown."));
        }
        getFooter().add(new Button("Close", e -> close()));
    }

    /** Opens the log, or says in a notification why it cannot be shown (e.g. a job of another tenant). */
    public static void open(BackupService backups, long jobId) {
        try {
            new TaskLogDialog(backups, jobId, backups.taskLog(jobId, 0, LINES_SHOWN + 1)).open();
        } catch (JobException e) {
            Notices.refused(e.getMessage());
        }
    }
}
