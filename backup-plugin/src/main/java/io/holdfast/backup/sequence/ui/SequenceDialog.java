package io.holdfast.backup.sequence.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;
import com.vaadin.flow.data.renderer.LitRenderer;
import io.holdfast.backup.sequence.Sequence;
import io.holdfast.backup.sequence.SequenceException;
import io.holdfast.backup.sequence.SequenceService;
import io.holdfast.backup.sequence.SequenceStep;
import io.holdfast.backup.ui.Notices;
import io.holdfast.policy.schedule.BackupWindow;
import io.holdfast.policy.schedule.Schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Add or edit a sequence: its ordered steps, its schedule, and what a failed step does. */
final class SequenceDialog extends Dialog {

    static final String BY_HAND = "On demand";
    static final String DAILY = "Every day";

    private final TextField name = new TextField("Name");
    private final Select<String> when = new Select<>();
    private final TimePicker at = new TimePicker("At");
    private final ComboBox<String> zone = new ComboBox<>("Time zone");
    private final Checkbox stopOnFailure = new Checkbox("Stop at the first failed step", true);
    private final List<SequenceStep> steps = new ArrayList<>();
    private final Grid<SequenceStep> stepGrid = new Grid<>();
    private final StepTargets targets;

    SequenceDialog(SequenceService sequences, StepTargets targets, Sequence existing, Runnable saved) {
        this.targets = targets;
        setHeaderTitle(existing == null ? "Add a backup sequence" : "Edit sequence " + existing.name());
        setWidth("min(860px, 96vw)");
        name.setId("sequence-name");
        when.setLabel("Runs");
        when.setId("sequence-when");
        List<String> days = new ArrayList<>(List.of(BY_HAND, DAILY));
        for (DayOfWeek d : DayOfWeek.values()) {
            days.add("Every " + d.getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        }
        when.setItems(days);
        when.addValueChangeListener(e -> {
            at.setVisible(!BY_HAND.equals(e.getValue()));
            zone.setVisible(!BY_HAND.equals(e.getValue()));
        });
        at.setId("sequence-at");
        zone.setId("sequence-zone");
        zone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        stopOnFailure.setId("sequence-stop-on-failure");

        stepGrid.setId("sequence-steps");
        stepGrid.addThemeVariants(GridVariant.LUMO_COMPACT);
        stepGrid.addColumn(s -> steps.indexOf(s) + 1).setHeader("#").setWidth("50px").setFlexGrow(0);
        stepGrid.addColumn(s -> StepTargets.describe(s, targets)).setHeader("Step").setFlexGrow(1);
        stepGrid.addColumn(LitRenderer.<SequenceStep>of("""
                        <vaadin-button theme="small tertiary" id="sequence-step-up-${item.row}" ?disabled=${item.first} @click=${up}>Up</vaadin-button>\\
                        <vaadin-button theme="small tertiary error" id="sequence-step-remove-${item.row}" @click=${remove}>Remove</vaadin-button>""")
                .withProperty("row", s -> steps.indexOf(s) + 1)
                .withProperty("first", s -> steps.indexOf(s) == 0)
                .withFunction("up", s -> {
                    int i = steps.indexOf(s);
                    if (i > 0) {
                        steps.remove(i);
                        steps.add(i - 1, s);
                        showSteps();
                    }
                })
                .withFunction("remove", s -> {
                    steps.remove(s);
                    showSteps();
                })).setWidth("180px").setFlexGrow(0);
        stepGrid.setAllRowsVisible(true);

        Select<SequenceStep.Kind> kind = new Select<>();
        kind.setLabel("Add a step");
        kind.setId("sequence-step-kind");
        kind.setItems(SequenceStep.Kind.values());
        kind.setItemLabelGenerator(k -> switch (k) {
            case BACKUP -> "Back up a policy's instances";
            case MIRROR -> "Run a mirror";
            case VERIFY -> "Verify a storage";
            case GC -> "Garbage-collect a storage";
        });
        ComboBox<Long> target = new ComboBox<>("Which");
        target.setId("sequence-step-target");
        kind.addValueChangeListener(e -> {
            target.clear();
            target.setItems(e.getValue() == null ? List.of() : targets.ids(e.getValue()));
            target.setItemLabelGenerator(id -> targets.name(new SequenceStep(e.getValue() == null ? SequenceStep.Kind.GC : e.getValue(), id)));
        });
        Button addStep = new Button("Add step", e -> {
            if (kind.getValue() == null || target.getValue() == null) {
                Notices.refused("Choose what the step does and on which policy, mirror or storage.");
                return;
            }
            steps.add(new SequenceStep(kind.getValue(), target.getValue()));
            showSteps();
        });
        addStep.setId("sequence-step-add");
        HorizontalLayout adder = new HorizontalLayout(kind, target, addStep);
        adder.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        adder.setWrap(true);

        if (existing == null) {
            when.setValue(BY_HAND);
            at.setValue(LocalTime.of(1, 0));
            zone.setValue(ZoneId.systemDefault().getId());
        } else {
            name.setValue(existing.name());
            if (existing.schedule() == null) {
                when.setValue(BY_HAND);
                at.setValue(LocalTime.of(1, 0));
                zone.setValue(ZoneId.systemDefault().getId());
            } else {
                when.setValue(existing.schedule().fullDay() == null ? DAILY
                        : "Every " + existing.schedule().fullDay().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                at.setValue(existing.schedule().fullAt());
                zone.setValue(existing.schedule().zone().getId());
            }
            stopOnFailure.setValue(existing.stopOnFailure());
            steps.addAll(existing.steps());
        }
        showSteps();

        FormLayout form = new FormLayout(name, when, at, zone, stopOnFailure);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("500px", 3));
        add(new Paragraph("Each step starts when the previous one has ended: e.g. back up a policy's instances, then mirror them "
                + "offsite, then verify the copies."), form, new H4("Steps, in order"), stepGrid, adder);

        Button save = new Button("Save", e -> {
            try {
                Sequence s = form(existing == null ? 0 : existing.id());
                if (existing == null) {
                    sequences.create(s);
                } else {
                    sequences.update(existing.id(), s);
                }
                Notices.done("Sequence " + s.name() + " saved");
                close();
                saved.run();
            } catch (SequenceException ex) {
                Notices.refused(ex.getMessage());
            }
        });
        save.setId("sequence-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    private void showSteps() {
        stepGrid.setItems(new ArrayList<>(steps));
    }

    private Sequence form(long id) {
        try {
            Schedule schedule = null;
            if (!BY_HAND.equals(when.getValue())) {
                if (at.getValue() == null) {
                    throw new SequenceException("Choose the time the sequence runs at.");
                }
                String day = when.getValue();
                DayOfWeek d = DAILY.equals(day) ? null : DayOfWeek.valueOf(day.substring("Every ".length()).toUpperCase(Locale.ROOT));
                schedule = new Schedule(d, at.getValue(), 0, BackupWindow.ALL_DAY, ZoneId.of(zone.getValue() == null ? "UTC" : zone.getValue()));
            }
            return new Sequence(id, name.getValue().strip(), schedule, stopOnFailure.getValue(), steps);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new SequenceException(e.getMessage());
        }
    }
}
