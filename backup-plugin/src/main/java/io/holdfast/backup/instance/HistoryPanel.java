package io.holdfast.backup.instance;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.holdfast.backup.catalog.SnapshotEntry;
import io.holdfast.backup.job.BackupService;
import io.holdfast.backup.job.JobFeed;
import io.holdfast.backup.ui.Formats;
import io.holdfast.backup.job.ui.LiveUpdates;
import io.holdfast.backup.ui.SvgChart;
import io.holdfast.bridge.progress.ByteSizes;

import java.util.List;
import java.util.Locale;

/** The instance's backups over time: size and new data stored, and how long each took. */
final class HistoryPanel extends VerticalLayout {

    static final int POINTS = 60;

    private final long instanceId;
    private final BackupService backups;

    HistoryPanel(io.holdfast.plugin.api.inventory.InstanceRef instance, BackupService backups, JobFeed feed) {
        this.instanceId = instance.id();
        this.backups = backups;
        setId("backup-chart");
        setPadding(false);
        refresh();
        LiveUpdates.bind(this, feed, instanceId, false, this::refresh);
    }

    void refresh() {
        removeAll();
        List<SnapshotEntry> history = backups.history(instanceId, POINTS);
        if (history.isEmpty()) {
            add(new Paragraph("The chart appears after the first backup: how large each backup is, how much new data it "
                    + "stored, and how long it took."));
            return;
        }
        List<String> labels = history.stream().map(s -> Formats.SHORT.format(s.createdAt())).toList();
        add(SvgChart.component(SvgChart.lines("Backup size and new data stored (last " + history.size() + " backups)", labels, List.of(
                new SvgChart.Series("Size", history.stream().map(s -> (double) s.diskBytes()).toList()),
                new SvgChart.Series("New data", history.stream().map(s -> (double) s.bytesStored()).toList())),
                v -> ByteSizes.human((long) v))));
        add(SvgChart.component(SvgChart.lines("Duration", labels, List.of(
                new SvgChart.Series("Duration", history.stream().map(s -> s.duration().toMillis() / 1000.0).toList())),
                v -> String.format(Locale.ROOT, "%.1f s", v))));
    }
}
