package io.holdfast.backup.admin;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import io.holdfast.backup.job.BackupService;
import io.holdfast.backup.job.Job;
import io.holdfast.backup.job.JobAdministration;
import io.holdfast.backup.job.JobAdministration.Overview;
import io.holdfast.backup.job.JobAdministration.Unprotected;
import io.holdfast.backup.job.JobFeed;
import io.holdfast.backup.ui.Formats;
import io.holdfast.backup.job.ui.JobText;
import io.holdfast.backup.job.ui.LiveUpdates;
import io.holdfast.backup.ui.SvgChart;
import io.holdfast.backup.job.ui.TaskLogDialog;
import io.holdfast.bridge.progress.ByteSizes;

import java.util.List;

/**
 * The admin's Overview: what runs now, how the last 24 hours went (each failure opens its log), storage
 * used per storage and per tenant, and instances with no backup in the last N days.
 */
public final class OverviewPage extends VerticalLayout {

    static final int HOURS = 24;

    private final JobAdministration admin;
    private final BackupService backups;
    private final IntegerField days = new IntegerField("No backup in the last … days");
    private final Div figures = new Div();
    private final VerticalLayout failures = new VerticalLayout();
    private final FlexLayout charts = new FlexLayout();
    private final VerticalLayout stale = new VerticalLayout();
    private final Grid<Job> failureGrid;
    private List<Long> shownFailures;

    public OverviewPage(JobAdministration admin, BackupService backups, JobFeed feed) {
        this.admin = admin;
        this.backups = backups;
        this.failureGrid = failureGrid();
        setId("backup-overview");
        days.setId("overview-days");
        days.setValue(7);
        days.setMin(1);
        days.setMax(3650);
        days.setStepButtonsVisible(true);
        days.addValueChangeListener(e -> refresh());
        figures.setId("overview-figures");
        figures.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "12px");
        failures.setPadding(false);
        failures.setId("overview-failures");
        charts.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        charts.setWidthFull();
        charts.getStyle().set("gap", "24px");
        stale.setPadding(false);
        stale.setId("overview-stale");
        add(figures, new H3("Failed in the last " + HOURS + " hours"), failures,
                new H3("Storage used"), charts, new H3("Instances without a recent backup"), days, stale);
        refresh();
        LiveUpdates.bind(this, feed, null, false, this::refresh);
    }

    private void refresh() {
        int staleDays = days.getValue() == null || days.getValue() < 1 ? 7 : days.getValue();
        Overview o = admin.overview(HOURS, staleDays);
        figures.removeAll();
        figures.add(figure("Running now", o.running()), figure("Waiting", o.pending()),
                figure("Succeeded (" + HOURS + " h)", o.succeeded()), figure("Failed (" + HOURS + " h)", o.failed()),
                figure("Cancelled (" + HOURS + " h)", o.cancelled()), figure("Missed slots (" + HOURS + " h)", o.missed()),
                figure("Skipped slots (" + HOURS + " h)", o.skipped()));

        // the failures grid is kept and re-filled only when the failures changed: a refresh pushed while the
        // admin reaches for a "Task log" button must not replace the button under the pointer
        List<Long> failureIds = o.failures().stream().map(Job::id).toList();
        if (!failureIds.equals(shownFailures)) {
            shownFailures = failureIds;
            failures.removeAll();
            if (o.failures().isEmpty()) {
                failures.add(new Paragraph("No job failed in the last " + HOURS + " hours."));
            } else {
                failureGrid.setItems(o.failures());
                failures.add(failureGrid);
            }
        }

        charts.removeAll();
        if (o.byStorage().isEmpty()) {
            charts.add(new Paragraph("No backups are stored yet. Add a storage on the Backup Storage page and assign it to a "
                    + "hypervisor; backups then show here by storage and by tenant."));
        } else {
            charts.add(chart("Per storage", o.byStorage()), chart("Per tenant", o.byTenant()));
        }

        stale.removeAll();
        List<Unprotected> list = o.notBackedUp();
        if (list.isEmpty()) {
            stale.add(new Paragraph("Every instance has a backup from the last " + staleDays + " days."));
        } else {
            Grid<Unprotected> grid = new Grid<>();
            grid.setId("overview-stale-list");
            grid.addColumn(Unprotected::instance).setHeader("Instance");
            grid.addColumn(Unprotected::tenant).setHeader("Tenant");
            grid.addColumn(u -> u.lastBackup() == null ? "never backed up" : Formats.MINUTE.format(u.lastBackup()))
                    .setHeader("Last backup");
            grid.setItems(list);
            grid.setAllRowsVisible(list.size() <= 20);
            stale.add(grid);
        }
    }

    private Grid<Job> failureGrid() {
        Grid<Job> grid = new Grid<>();
        grid.setId("overview-failure-list");
        grid.addColumn(Job::id).setHeader("Job").setWidth("70px").setFlexGrow(0);
        grid.addColumn(JobText::kind).setHeader("What").setWidth("160px").setFlexGrow(0);
        grid.addColumn(j -> j.finishedAt() == null ? "" : Formats.MINUTE.format(j.finishedAt())).setHeader("Ended")
                .setWidth("140px").setFlexGrow(0);
        grid.addColumn(Job::error).setHeader("Reason").setFlexGrow(1).setTooltipGenerator(Job::error);
        grid.addComponentColumn(j -> {
            Button log = new Button("Task log", e -> TaskLogDialog.open(backups, j.id()));
            log.setId("overview-log-" + j.id());
            log.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            return log;
        }).setWidth("110px").setFlexGrow(0);
        grid.setAllRowsVisible(true);
        return grid;
    }

    private static Component chart(String title, List<JobAdministration.Use> uses) {
        Div box = new Div(SvgChart.component(SvgChart.bars(title + " (new data stored by live backups)", uses.stream()
                .map(u -> new SvgChart.Bar(u.name(), u.bytesStored())).toList(), v -> ByteSizes.human((long) v))));
        box.setWidth("min(640px, 100%)");
        return box;
    }

    private static Component figure(String label, long value) {
        Span number = new Span(Long.toString(value));
        // plain CSS values: the host loads no theme whose variables could be used here
        number.getStyle().set("font-size", "1.8em").set("font-weight", "600");
        Span caption = new Span(label);
        caption.getStyle().set("color", "#555");
        Div card = new Div(number, new Div(caption));
        card.getElement().setAttribute("data-figure", label);
        card.getStyle().set("padding", "6px 14px").set("border", "1px solid #ddd").set("border-radius", "8px").set("min-width", "120px");
        return card;
    }
}
