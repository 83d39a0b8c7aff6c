package io.holdfast.backup.mirror.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import io.holdfast.backup.job.BackupService;
import io.holdfast.backup.job.Job;
import io.holdfast.backup.job.JobFeed;
import io.holdfast.backup.job.ui.JobText;
import io.holdfast.backup.job.ui.LastRuns;
import io.holdfast.backup.job.ui.LiveUpdates;
import io.holdfast.backup.job.ui.TaskLogDialog;
import io.holdfast.backup.mirror.Mirror;
import io.holdfast.backup.mirror.MirrorException;
import io.holdfast.backup.mirror.MirrorService;
import io.holdfast.backup.policy.Policy;
import io.holdfast.backup.storage.StorageSummary;
import io.holdfast.backup.ui.Formats;
import io.holdfast.backup.ui.Notices;
import io.holdfast.plugin.api.tenancy.TenantRef;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Mirror jobs: offsite copies of one storage's snapshots in another, with their schedule and last run. */
public final class MirrorsPage extends VerticalLayout {

    private final MirrorService mirrors;
    private final Supplier<List<TenantRef>> tenants;
    private final Supplier<List<Policy>> policies;
    private final Grid<Mirror> grid = new Grid<>();
    private final Paragraph empty = new Paragraph("No mirrors yet. A mirror keeps a second copy of your backups in another storage "
            + "(3-2-1: e.g. local disk to S3 offsite): add one, choose from where to where, and it copies only what is missing.");
    private Map<Long, String> storageNames = Map.of();
    private final LastRuns lastRuns = new LastRuns();

    public MirrorsPage(MirrorService mirrors, BackupService backups, JobFeed feed, Supplier<List<TenantRef>> tenants,
                       Supplier<List<Policy>> policies) {
        this.mirrors = mirrors;
        this.tenants = tenants;
        this.policies = policies;
        setId("backup-mirrors");
        empty.setId("mirrors-empty");
        Button add = new Button("Add mirror", e -> new MirrorDialog(mirrors, tenants.get(), policies.get(), null, this::refresh).open());
        add.setId("mirror-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        grid.setId("mirrors");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(Mirror::name).setHeader("Mirror").setWidth("140px").setFlexGrow(0);
        grid.addColumn(m -> storageNames.getOrDefault(m.sourceStorageId(), "?") + " → " + storageNames.getOrDefault(m.destinationStorageId(), "?"))
                .setHeader("From → to").setWidth("200px").setFlexGrow(0);
        grid.addColumn(this::selection).setHeader("What").setFlexGrow(1);
        grid.addColumn(m -> (m.schedule() == null ? "by hand or in a sequence" : m.schedule().describe().replace("full read ", ""))
                + "; " + (m.retention() == null ? "keeps every copy" : m.retention().describe())
                + (m.bandwidthBytesPerSecond() > 0 ? "; ≤ " + m.bandwidthBytesPerSecond() / 1_000_000 + " MB/s" : ""))
                .setHeader("When, kept").setFlexGrow(1);
        grid.addColumn(LitRenderer.<Mirror>of("<span id='mirror-last-${item.name}' data-state='${item.state}' data-job='${item.job}'>${item.last}</span>")
                .withProperty("name", Mirror::name).withProperty("last", this::lastRun)
                .withProperty("state", m -> lastRuns.state(m.id())).withProperty("job", m -> lastRuns.jobId(m.id())))
                .setHeader("Last run").setFlexGrow(1);
        grid.addColumn(LitRenderer.<Mirror>of("""
                        <vaadin-button theme="small primary" id="mirror-run-${item.name}" @click=${run}>Run now</vaadin-button>\\
                        <vaadin-button theme="small tertiary" id="mirror-log-${item.name}" ?hidden=${!item.ran} @click=${log}>Log</vaadin-button>\\
                        <vaadin-button theme="small tertiary" id="mirror-edit-${item.name}" @click=${edit}>Edit</vaadin-button>\\
                        <vaadin-button theme="small tertiary error" id="mirror-delete-${item.name}" @click=${remove}>Delete</vaadin-button>""")
                .withProperty("name", Mirror::name)
                .withProperty("ran", m -> lastRuns.of(m.id()).isPresent())
                .withFunction("run", m -> {
                    try {
                        long job = mirrors.runNow(m.id());
                        Notices.done("Mirror " + m.name() + " queued as job " + job + "; its progress shows here and in Backup Jobs");
                    } catch (MirrorException ex) {
                        Notices.refused(ex.getMessage());
                    }
                    refreshRuns(true);
                })
                .withFunction("log", m -> lastRuns.of(m.id())
                        .ifPresent(j -> TaskLogDialog.open(backups, j.id())))
                .withFunction("edit", m -> new MirrorDialog(mirrors, tenants.get(), policies.get(), m, this::refresh).open())
                .withFunction("remove", m -> {
                    ConfirmDialog confirm = new ConfirmDialog("Delete mirror " + m.name() + "?",
                            "The copies it made stay at the destination, and tenants can still restore from them.", "Delete", ok -> {
                        try {
                            mirrors.delete(m.id());
                            Notices.done("Mirror deleted");
                        } catch (MirrorException ex) {
                            Notices.refused(ex.getMessage());
                        }
                        refresh();
                    });
                    confirm.setCancelable(true);
                    confirm.open();
                })).setWidth("300px").setFlexGrow(0);
        grid.setAllRowsVisible(true);
        add(add, empty, grid);
        refresh();
        LiveUpdates.bind(this, feed, null, true, () -> refreshRuns(false));
    }

    private String selection(Mirror m) {
        String which = m.lastPerInstance() == null ? "every snapshot" : "the last " + m.lastPerInstance() + " per instance";
        return which + switch (m.scope()) {
            case ALL -> " of every instance";
            case TENANT -> " of " + tenants.get().stream().filter(t -> Long.valueOf(t.id()).equals(m.scopeId())).map(TenantRef::name)
                    .findFirst().orElse("a removed tenant") + "'s instances";
            case POLICY -> " of the instances following " + policies.get().stream().filter(p -> Long.valueOf(p.id()).equals(m.scopeId()))
                    .map(Policy::name).findFirst().orElse("a removed policy");
        };
    }

    private String lastRun(Mirror m) {
        return lastRuns.of(m.id()).map(j -> JobText.detail(j)
                + (j.finishedAt() != null ? " · " + Formats.MINUTE.format(j.finishedAt())
                : j.startedAt() != null ? " · since " + Formats.MINUTE.format(j.startedAt()) : "")).orElse("never ran");
    }

    /** Re-reads the last runs; the rows are redrawn only when one changed (never under the pointer otherwise). */
    private void refreshRuns(boolean force) {
        boolean changed = lastRuns.refresh(currentItems().stream().map(Mirror::id).toList(), mirrors::lastRun);
        if (force || changed) {
            grid.getDataProvider().refreshAll();
        }
    }

    private List<Mirror> currentItems() {
        return grid.getListDataView().getItems().toList();
    }

    private void refresh() {
        List<Mirror> list = mirrors.all();
        storageNames = new HashMap<>();
        for (StorageSummary s : mirrors.storages()) {
            storageNames.put(s.id(), s.name());
        }
        grid.setItems(list);
        refreshRuns(false);
        grid.setVisible(!list.isEmpty());
        empty.setVisible(list.isEmpty());
    }
}
