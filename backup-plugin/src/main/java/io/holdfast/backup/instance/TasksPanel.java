package io.holdfast.backup.instance;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import io.holdfast.backup.job.BackupService;
import io.holdfast.backup.job.Job;
import io.holdfast.backup.job.JobFeed;
import io.holdfast.backup.ui.PagedRows;
import io.holdfast.backup.ui.Formats;
import io.holdfast.backup.job.ui.JobText;
import io.holdfast.backup.job.ui.LiveUpdates;
import io.holdfast.backup.job.ui.TaskLogDialog;
import io.holdfast.plugin.api.inventory.InstanceRef;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Every job of the instance, newest first, each with its task log. */
final class TasksPanel extends VerticalLayout {

    private final InstanceRef instance;
    private final BackupService backups;
    private final Grid<Job> grid = new Grid<>();
    private final Paragraph empty = new Paragraph("No jobs yet. Every backup, restore, verification and deletion of this "
            + "instance is listed here with its task log: each step, the commands run and how long they took.");
    private PagedRows<Job> rows;
    private static final int PAGE = 50;
    private String shown;

    TasksPanel(InstanceRef instance, BackupService backups, JobFeed feed) {
        this.instance = instance;
        this.backups = backups;
        setPadding(false);
        setWidthFull();
        empty.setId("tasks-empty");
        grid.setId("jobs");
        grid.addColumn(Job::id).setHeader("Job").setWidth("70px").setFlexGrow(0);
        grid.addColumn(JobText::kind).setHeader("What").setWidth("170px").setFlexGrow(0);
        grid.addColumn(j -> j.state().name().toLowerCase()).setHeader("State").setWidth("100px").setFlexGrow(0);
        grid.addColumn(j -> Formats.MINUTE.format(j.createdAt())).setHeader("Queued").setWidth("140px").setFlexGrow(0);
        grid.addColumn(j -> j.startedAt() == null || j.finishedAt() == null ? ""
                : Formats.seconds(Duration.between(j.startedAt(), j.finishedAt()))).setHeader("Took").setWidth("80px").setFlexGrow(0);
        grid.addColumn(Job::requestedBy).setHeader("By").setWidth("100px").setFlexGrow(0);
        grid.addColumn(JobText::detail).setHeader("Result").setFlexGrow(1).setTooltipGenerator(JobText::detail);
        grid.addColumn(LitRenderer.<Job>of("""
                        <vaadin-button theme="small tertiary" id="job-log-${item.id}" data-row="${item.row}" @click=${log}>Task log</vaadin-button>""")
                .withProperty("id", Job::id)
                .withProperty("row", j -> rows.row(j))
                .withFunction("log", j -> TaskLogDialog.open(backups, j.id()))).setWidth("110px").setFlexGrow(0);
        rows = PagedRows.fill(grid, Job::id, (offset, limit) -> backups.jobs(instance.id(), offset, limit),
                () -> backups.jobCount(instance.id()));
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        add(empty, grid);
        refresh();
        LiveUpdates.bind(this, feed, instance.id(), false, this::refresh);
    }

    /** Reloads the grid when its first page changed: reloading without need would move buttons under the pointer. */
    void refresh() {
        List<Job> first = backups.jobs(instance.id(), 0, PAGE);
        String now = first.stream().map(j -> j.id() + ":" + j.state()).reduce("", (a, b) -> a + "|" + b);
        empty.setVisible(first.isEmpty());
        grid.setVisible(!first.isEmpty());
        // a short list takes the room it needs; a long one scrolls and loads page by page
        boolean shortList = first.size() < PAGE;
        grid.setAllRowsVisible(shortList);
        grid.setHeight(shortList ? null : "min(60vh, 600px)");
        if (!now.equals(shown)) {
            shown = now;
            rows.clear();
            grid.getDataProvider().refreshAll();
        }
    }
}
