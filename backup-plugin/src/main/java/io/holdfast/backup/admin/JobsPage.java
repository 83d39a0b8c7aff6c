package io.holdfast.backup.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import io.holdfast.backup.job.BackupService;
import io.holdfast.backup.job.Job;
import io.holdfast.backup.job.JobAdministration;
import io.holdfast.backup.job.JobException;
import io.holdfast.backup.job.JobFeed;
import io.holdfast.backup.job.JobFilter;
import io.holdfast.backup.job.JobKind;
import io.holdfast.backup.job.JobState;
import io.holdfast.backup.storage.StorageService;
import io.holdfast.backup.storage.StorageSummary;
import io.holdfast.backup.ui.PagedRows;
import io.holdfast.backup.ui.Formats;
import io.holdfast.backup.job.ui.JobText;
import io.holdfast.backup.job.ui.LiveUpdates;
import io.holdfast.backup.ui.Notices;
import io.holdfast.backup.job.ui.TaskLogDialog;
import io.holdfast.plugin.api.inventory.HypervisorDirectory;
import io.holdfast.plugin.api.inventory.HypervisorRef;
import io.holdfast.plugin.api.inventory.InstanceRef;
import io.holdfast.plugin.api.tenancy.TenantRef;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every job across tenants, newest first, loaded page by page; filters by state, kind, instance, tenant,
 * hypervisor and storage; cancel, retry, task log; and a backup of any instance whose hypervisor has storage.
 */
public final class JobsPage extends VerticalLayout {

    private final JobAdministration admin;
    private final BackupService backups;
    private final Grid<Job> grid = new Grid<>();
    private PagedRows<Job> rows;
    private final ComboBox<JobState> state = new ComboBox<>("State");
    private final ComboBox<JobKind> kind = new ComboBox<>("Kind");
    private final ComboBox<InstanceRef> instance = new ComboBox<>("Instance");
    private final ComboBox<TenantRef> tenant = new ComboBox<>("Tenant");
    private final ComboBox<HypervisorRef> hypervisor = new ComboBox<>("Hypervisor");
    private final ComboBox<StorageSummary> storage = new ComboBox<>("Storage");
    private final Paragraph empty = new Paragraph();
    private static final int PAGE = 50;
    /** The first page as last shown, to tell whether a change needs a reload; null until shown. */
    private String shown;
    private final Map<Long, String> instanceNames;
    private final Map<Long, String> tenantNames;
    private final Map<Long, String> hypervisorNames;
    private final Map<Long, String> storageNames;

    public JobsPage(JobAdministration admin, BackupService backups, StorageService storages, HypervisorDirectory hypervisors,
                    JobFeed feed) {
        this.admin = admin;
        this.backups = backups;
        setId("jobs-page");
        setSizeFull();
        List<InstanceRef> instances = admin.instances();
        List<TenantRef> tenants = admin.tenants();
        List<StorageSummary> storageList = storages.list();
        instanceNames = instances.stream().collect(Collectors.toMap(InstanceRef::id, InstanceRef::name));
        tenantNames = tenants.stream().collect(Collectors.toMap(TenantRef::id, TenantRef::name));
        hypervisorNames = hypervisors.all().stream().collect(Collectors.toMap(HypervisorRef::id, HypervisorRef::name));
        storageNames = storageList.stream().collect(Collectors.toMap(StorageSummary::id, StorageSummary::name));

        state.setId("filter-state");
        state.setItems(JobState.values());
        state.setItemLabelGenerator(s -> s.name().toLowerCase(Locale.ROOT));
        kind.setId("filter-kind");
        kind.setItems(JobKind.values());
        kind.setItemLabelGenerator(k -> k.name().toLowerCase(Locale.ROOT));
        instance.setId("filter-instance");
        instance.setItems(instances);
        instance.setItemLabelGenerator(InstanceRef::name);
        tenant.setId("filter-tenant");
        tenant.setItems(tenants);
        tenant.setItemLabelGenerator(TenantRef::name);
        hypervisor.setId("filter-hypervisor");
        hypervisor.setItems(hypervisors.all());
        hypervisor.setItemLabelGenerator(HypervisorRef::name);
        storage.setId("filter-storage");
        storage.setItems(storageList);
        storage.setItemLabelGenerator(StorageSummary::name);
        FlexLayout filters = new FlexLayout(state, kind, instance, tenant, hypervisor, storage);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.getStyle().set("gap", "8px");
        for (ComboBox<?> box : List.of(state, kind, instance, tenant, hypervisor, storage)) {
            box.setClearButtonVisible(true);
            box.setWidth("170px");
            box.addValueChangeListener(e -> refresh());
        }

        Button backUp = new Button("Back up an instance…", e -> new AdminBackupDialog(instances, backups, this::refresh).open());
        backUp.setId("admin-backup");
        backUp.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        grid.setId("all-jobs");
        grid.addColumn(Job::id).setHeader("Job").setWidth("60px").setFlexGrow(0);
        grid.addColumn(JobText::kind).setHeader("What").setWidth("150px").setFlexGrow(0);
        grid.addColumn(LitRenderer.<Job>of("""
                        <span>${item.state}</span><vaadin-progress-bar ?hidden=${!item.running} ?indeterminate=${item.indeterminate} \
                        max="100" value="${item.percent}"></vaadin-progress-bar>""")
                .withProperty("state", j -> j.state().name().toLowerCase(Locale.ROOT))
                .withProperty("running", j -> j.state() == JobState.RUNNING)
                .withProperty("indeterminate", j -> j.percent() == null)
                .withProperty("percent", j -> j.percent() == null ? 0 : j.percent())).setHeader("State").setWidth("110px").setFlexGrow(0);
        grid.addColumn(j -> j.instanceId() == null ? "whole storage (no instance)" : name(instanceNames, j.instanceId(), "instance") + " · "
                + (j.tenantId() == null ? "no tenant" : name(tenantNames, j.tenantId(), "tenant"))).setHeader("Instance · tenant")
                .setWidth("170px").setFlexGrow(0);
        grid.addColumn(j -> name(hypervisorNames, j.hypervisorId(), "hypervisor")).setHeader("Hypervisor").setWidth("95px").setFlexGrow(0);
        grid.addColumn(j -> name(storageNames, j.storageId(), "storage")).setHeader("Storage").setWidth("110px").setFlexGrow(0);
        grid.addColumn(j -> Formats.MINUTE.format(j.createdAt())).setHeader("Queued").setWidth("130px").setFlexGrow(0);
        grid.addColumn(JobText::detail).setHeader("Detail").setWidth("140px").setFlexGrow(1).setTooltipGenerator(JobText::detail);
        grid.addColumn(actions()).setWidth("180px").setFlexGrow(0);
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        rows = PagedRows.fill(grid, Job::id, (offset, limit) -> admin.jobs(filter(), offset, limit),
                () -> admin.count(filter()));
        grid.setMinHeight("300px");
        setFlexGrow(1, grid);
        empty.setId("jobs-empty");

        add(backUp, filters, empty, grid);
        // filled when attached (and whenever a job moves): one look at the first page, not one here and one there
        LiveUpdates.bind(this, feed, null, true, this::refreshIfChanged);
    }

    private JobFilter filter() {
        return new JobFilter(state.getValue(), kind.getValue(), id(instance.getValue(), InstanceRef::id),
                id(tenant.getValue(), TenantRef::id), id(hypervisor.getValue(), HypervisorRef::id), id(storage.getValue(), StorageSummary::id));
    }

    private static <T> Long id(T value, Function<T, Long> id) {
        return value == null ? null : id.apply(value);
    }

    private static String name(Map<Long, String> names, Long id, String what) {
        return id == null ? "" : names.getOrDefault(id, what + " " + id);
    }

    /** Task log, and cancel or retry, drawn in the browser from a template (no server-side component per row). */
    private LitRenderer<Job> actions() {
        return LitRenderer.<Job>of("""
                        <vaadin-button theme="small tertiary" id="all-log-${item.id}" data-row="${item.row}" @click=${log}>Task log</vaadin-button>\
                        <vaadin-button theme="small tertiary error" id="all-cancel-${item.id}" data-row="${item.row}" ?hidden=${!item.cancellable} \
                        @click=${cancel}>Cancel</vaadin-button>\
                        <vaadin-button theme="small tertiary" id="all-retry-${item.id}" data-row="${item.row}" ?hidden=${!item.retryable} \
                        @click=${retry}>Retry</vaadin-button>""")
                .withProperty("id", Job::id)
                .withProperty("row", j -> rows.row(j))
                .withProperty("cancellable", j -> !j.state().finished())
                .withProperty("retryable", j -> j.state() == JobState.FAILED || j.state() == JobState.CANCELLED)
                .withFunction("log", j -> TaskLogDialog.open(backups, j.id()))
                .withFunction("cancel", j -> act(() -> backups.cancel(j.id()), "Cancel requested"))
                .withFunction("retry", j -> act(() -> Notices.done("Queued again as job " + admin.retry(j.id())), null));
    }

    private void act(Runnable action, String done) {
        try {
            action.run();
            if (done != null) {
                Notices.done(done);
            }
        } catch (JobException e) {
            Notices.refused(e.getMessage());
        }
        refresh();
    }

    /** Reloads the rows when the first page shows something new: a reload replaces buttons under the pointer. */
    private void refreshIfChanged() {
        String now = firstPage();
        if (!now.equals(shown)) {
            show(now);
        }
    }

    private String firstPage() {
        return admin.jobs(filter(), 0, PAGE).stream().map(j -> j.id() + ":" + j.state() + ":" + j.percent() + ":" + JobText.detail(j))
                .reduce("", (a, b) -> a + "|" + b);
    }

    private void refresh() {
        show(firstPage());
    }

    private void show(String firstPage) {
        shown = firstPage;
        boolean none = shown.isEmpty();
        boolean filtered = !filter().equals(JobFilter.all());
        empty.setText(filtered ? "No job matches these filters. Clear a filter to see more."
                : "No jobs yet. Jobs appear here when anyone backs up, restores, verifies or deletes a backup; "
                + "\"Back up an instance…\" starts one now.");
        empty.setVisible(none);
        grid.setVisible(!none);
        rows.clear();
        grid.getDataProvider().refreshAll();
    }
}
