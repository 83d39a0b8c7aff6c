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
        setWidth("min(1200px, 95vw)");
        Grid<TaskLine> lines = new Grid<>();
        lines.setId("task-log");
        lines.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT,
                com.vaadin.flow.component.grid.GridVariant.LUMO_COMPACT);
        lines.addColumn(l -> BackupsTab.TIME.format(l.at())).setHeader("Time").setWidth("170px").setFlexGrow(0);
        lines.addColumn(TaskLine::level).setHeader("Level").setWidth("75px").setFlexGrow(0);
        lines.addColumn(l -> l.durationMillis() == null ? "" : l.durationMillis() + " ms").setHeader("Took").setWidth("90px").setFlexGrow(0);
        lines.addColumn(TaskLine::message).setHeader("Step").setFlexGrow(1);
        lines.setItems(backups.taskLog(jobId));
        lines.setAllRowsVisible(true);
        add(lines);
        getFooter().add(new Button("Close", e -> close()));
    }
}
