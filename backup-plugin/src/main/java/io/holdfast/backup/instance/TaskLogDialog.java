package io.holdfast.backup.instance;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import io.holdfast.backup.job.BackupService;
import io.holdfast.backup.job.TaskLine;

/** A job's task log: every step, libvirt call and error, with how long each took. */
final class TaskLogDialog extends Dialog {

    TaskLogDialog(BackupService backups, long jobId) {
        setHeaderTitle("Task log of job " + jobId);
        setWidth("1000px");
        Grid<TaskLine> lines = new Grid<>();
        lines.setId("task-log");
        lines.addColumn(l -> BackupsTab.TIME.format(l.at())).setHeader("Time").setAutoWidth(true);
        lines.addColumn(TaskLine::level).setHeader("Level").setAutoWidth(true);
        lines.addColumn(l -> l.durationMillis() == null ? "" : l.durationMillis() + " ms").setHeader("Took").setAutoWidth(true);
        lines.addColumn(TaskLine::message).setHeader("Step").setFlexGrow(1);
        lines.setItems(backups.taskLog(jobId));
        lines.setAllRowsVisible(true);
        add(lines);
        getFooter().add(new Button("Close", e -> close()));
    }
}
