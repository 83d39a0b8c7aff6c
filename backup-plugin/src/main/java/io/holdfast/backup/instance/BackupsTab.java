package io.holdfast.backup.instance;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import io.holdfast.backup.job.BackupService;
import io.holdfast.backup.job.JobFeed;
import io.holdfast.backup.policy.PolicyService;
import io.holdfast.backup.ui.LazyContent;
import io.holdfast.plugin.api.inventory.InstanceDirectory;
import io.holdfast.plugin.api.inventory.InstanceRef;

/**
 * The Backups tab of an instance: "Create backup", and four sub-tabs — its backups (restore, verify,
 * protect, delete), the queue with live progress, every job with its task log, and a chart of the backups
 * over time. The host calls it only for an instance the user may see; the service checks again on every
 * action, and every list is pushed to the browser as jobs move.
 */
public final class BackupsTab extends VerticalLayout {

    private final TabSheet sections = new TabSheet();
    private final Tab queueTab;

    public BackupsTab(InstanceRef instance, BackupService backups, PolicyService policies, JobFeed feed, InstanceDirectory instances) {
        setId("backups-tab");
        setWidthFull();
        setPadding(false);

        SnapshotList snapshots = new SnapshotList(instance, backups, policies, feed, instances, this::showQueue);
        Button create = new Button("Create backup", e -> new BackupNowDialog(instance, backups, this::showQueue).open());
        create.setId("backup-now");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        snapshots.onEmptyAction(create::click);

        sections.setId("backup-sections");
        sections.setWidthFull();
        sections.add("All backups", snapshots);
        queueTab = sections.add("Queue", new LazyContent(() -> new QueuePanel(instance, backups, feed)));
        sections.add("Tasks", new LazyContent(() -> new TasksPanel(instance, backups, feed)));
        sections.add("Chart", new LazyContent(() -> new HistoryPanel(instance, backups, feed)));

        HorizontalLayout toolbar = new HorizontalLayout(create);
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        PolicyBar policyBar = new PolicyBar(instance, policies, snapshots::reloadReasons);
        // the next run moves on once a scheduled backup ran
        io.holdfast.backup.job.ui.LiveUpdates.bind(policyBar, feed, instance.id(), false, policyBar::refresh);
        add(policyBar, toolbar, sections);
    }

    /** After something was queued: the queue shows it at once. */
    private void showQueue() {
        sections.setSelectedTab(queueTab);
    }
}
