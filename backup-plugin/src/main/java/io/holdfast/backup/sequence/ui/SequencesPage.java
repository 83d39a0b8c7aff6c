package io.holdfast.backup.sequence.ui;

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
import io.holdfast.backup.sequence.Sequence;
import io.holdfast.backup.sequence.SequenceException;
import io.holdfast.backup.sequence.SequenceService;
import io.holdfast.backup.ui.Formats;
import io.holdfast.backup.ui.Notices;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Backup sequences: ordered steps (backups, mirrors, verify, gc) on a schedule, with their last run and its steps. */
public final class SequencesPage extends VerticalLayout {

    private final SequenceService sequences;
    private final Supplier<StepTargets> targets;
    private final Grid<Sequence> grid = new Grid<>();
    private final Paragraph empty = new Paragraph("No backup sequences yet. A sequence runs your nightly work in order — e.g. back up "
            + "a policy's instances, then mirror them offsite, then verify the copies: \"Add sequence\" and list its steps.");
    private final LastRuns lastRuns = new LastRuns();
    private StepTargets names;

    public SequencesPage(SequenceService sequences, BackupService backups, JobFeed feed, Supplier<StepTargets> targets) {
        this.sequences = sequences;
        this.targets = targets;
        setId("backup-sequences");
        empty.setId("sequences-empty");
        Button add = new Button("Add sequence", e -> new SequenceDialog(sequences, targets.get(), null, this::refresh).open());
        add.setId("sequence-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        grid.setId("sequences");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(Sequence::name).setHeader("Sequence").setWidth("140px").setFlexGrow(0);
        grid.addColumn(s -> {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < s.steps().size(); i++) {
                text.append(i == 0 ? "" : " → ").append(i + 1).append(". ").append(StepTargets.describe(s.steps().get(i), names));
            }
            return text.toString();
        }).setHeader("Steps").setFlexGrow(2);
        grid.addColumn(s -> (s.schedule() == null ? "by hand" : s.schedule().describe().replace("full read ", ""))
                + (s.stopOnFailure() ? "; stops at a failed step" : "; goes on after a failed step")).setHeader("When").setFlexGrow(1);
        grid.addColumn(LitRenderer.<Sequence>of("<span id='sequence-last-${item.name}' data-state='${item.state}' data-job='${item.job}'>${item.last}</span>")
                .withProperty("name", Sequence::name).withProperty("last", this::lastRun)
                .withProperty("state", s -> lastRuns.state(s.id())).withProperty("job", s -> lastRuns.jobId(s.id())))
                .setHeader("Last run").setFlexGrow(1);
        grid.addColumn(LitRenderer.<Sequence>of("""
                        <vaadin-button theme="small primary" id="sequence-run-${item.name}" @click=${run}>Run now</vaadin-button>\\
                        <vaadin-button theme="small tertiary" id="sequence-log-${item.name}" ?hidden=${!item.ran} @click=${log}>Log</vaadin-button>\\
                        <vaadin-button theme="small tertiary" id="sequence-edit-${item.name}" @click=${edit}>Edit</vaadin-button>\\
                        <vaadin-button theme="small tertiary error" id="sequence-delete-${item.name}" @click=${remove}>Delete</vaadin-button>""")
                .withProperty("name", Sequence::name)
                .withProperty("ran", s -> lastRuns.of(s.id()).isPresent())
                .withFunction("run", s -> {
                    try {
                        long job = sequences.runNow(s.id());
                        Notices.done("Sequence " + s.name() + " started as job " + job + "; its steps show here and in Backup Jobs");
                    } catch (SequenceException ex) {
                        Notices.refused(ex.getMessage());
                    }
                    refreshRuns(true);
                })
                .withFunction("log", s -> lastRuns.of(s.id()).ifPresent(j -> TaskLogDialog.open(backups, j.id())))
                .withFunction("edit", s -> new SequenceDialog(sequences, targets.get(), s, this::refresh).open())
                .withFunction("remove", s -> {
                    ConfirmDialog confirm = new ConfirmDialog("Delete sequence " + s.name() + "?",
                            "Its policies, mirrors and storages stay as they are.", "Delete", ok -> {
                        try {
                            sequences.delete(s.id());
                            Notices.done("Sequence deleted");
                        } catch (SequenceException ex) {
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
        LiveUpdates.bind(this, feed, null, false, () -> refreshRuns(false));
    }

    /** The last run and how far its steps got: "step 2 of 3 running", or how it ended. */
    private String lastRun(Sequence s) {
        return lastRuns.of(s.id()).map(j -> {
            List<Job> steps = sequences.steps(j.id());
            String progress = steps.isEmpty() ? "" : " · step jobs: " + steps.stream()
                    .map(c -> "#" + c.id() + " " + c.state().name().toLowerCase()).collect(Collectors.joining(", "));
            return JobText.detail(j) + (j.finishedAt() != null ? " · " + Formats.MINUTE.format(j.finishedAt()) : "") + progress;
        }).orElse("never ran");
    }

    private void refreshRuns(boolean force) {
        List<Long> ids = grid.getListDataView().getItems().map(Sequence::id).toList();
        boolean changed = lastRuns.refresh(ids, sequences::lastRun);
        // a running sequence's step jobs move without the run itself changing: redraw while one runs
        boolean running = ids.stream().anyMatch(id -> lastRuns.of(id).filter(j -> j.finishedAt() == null).isPresent());
        if (force || changed || running) {
            grid.getDataProvider().refreshAll();
        }
    }

    private void refresh() {
        names = targets.get();
        List<Sequence> list = sequences.all();
        grid.setItems(list);
        refreshRuns(false);
        grid.setVisible(!list.isEmpty());
        empty.setVisible(list.isEmpty());
    }
}
