package io.holdfast.backup.policy.ui;

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
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;
import io.holdfast.backup.policy.Policy;
import io.holdfast.backup.policy.PolicyException;
import io.holdfast.backup.policy.PolicyService;
import io.holdfast.backup.policy.RetentionPreview;
import io.holdfast.backup.storage.StorageSummary;
import io.holdfast.backup.ui.Notices;
import io.holdfast.policy.retention.RetentionDecision;
import io.holdfast.policy.retention.RetentionPresets;
import io.holdfast.policy.retention.RetentionRules;
import io.holdfast.policy.schedule.BackupWindow;
import io.holdfast.policy.schedule.Schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Add or edit a policy: schedule, retention (with presets) and where; a preview of the retention before saving. */
final class PolicyDialog extends Dialog {

    static final String DAILY = "Every day";
    static final String PRESET_GFS = "7 daily, 4 weekly, 12 monthly, 3 yearly";
    static final String PRESET_LINODE = "Linode-style slots (last daily, this week's, last week's, 1 manual)";

    private final TextField name = new TextField("Name");
    private final Select<String> fullDay = new Select<>();
    private final TimePicker fullAt = new TimePicker("Full read at");
    private final IntegerField incrementalHours = new IntegerField("Incrementals every … hours (0: none)");
    private final TimePicker windowStart = new TimePicker("Window opens");
    private final TimePicker windowEnd = new TimePicker("Window closes");
    private final ComboBox<String> zone = new ComboBox<>("Time zone");
    private final IntegerField keepLast = count("Keep last");
    private final IntegerField hourly = count("Hourly");
    private final IntegerField daily = count("Daily");
    private final IntegerField weekly = count("Weekly");
    private final IntegerField monthly = count("Monthly");
    private final IntegerField yearly = count("Yearly");
    private final IntegerField manualSlots = new IntegerField("Manual slots (empty: manual backups count like others)");
    private final IntegerField maxIncrementals = new IntegerField("Incrementals before a full read");
    private final ComboBox<StorageSummary> storage = new ComboBox<>("Storage (empty: each hypervisor's default)");
    private final Checkbox allDisks = new Checkbox("All disks", true);
    private final IntegerField concurrency = new IntegerField("Jobs at once");
    private final Checkbox offered = new Checkbox("Offered to tenants");
    private final Checkbox autoEnrol = new Checkbox("Enrol new instances automatically");
    private final IntegerField verifyAfter = new IntegerField("Verify snapshots not verified for … days (empty: never)");
    private final VerticalLayout preview = new VerticalLayout();

    PolicyDialog(PolicyService policies, List<StorageSummary> storages, Policy existing, Runnable saved) {
        setHeaderTitle(existing == null ? "Add a backup policy" : "Edit policy " + existing.name());
        setWidth("min(1100px, 96vw)");
        name.setId("policy-name");
        fullDay.setLabel("Full read");
        fullDay.setId("policy-full-day");
        List<String> days = new ArrayList<>(List.of(DAILY));
        for (DayOfWeek d : DayOfWeek.values()) {
            days.add("Every " + d.getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        }
        fullDay.setItems(days);
        fullAt.setId("policy-full-at");
        incrementalHours.setId("policy-incremental-hours");
        windowStart.setId("policy-window-start");
        windowEnd.setId("policy-window-end");
        windowStart.setHelperText("Both empty: any time of day");
        zone.setId("policy-zone");
        zone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        manualSlots.setId("policy-manual-slots");
        maxIncrementals.setId("policy-max-incrementals");
        storage.setId("policy-storage");
        storage.setItems(storages);
        storage.setItemLabelGenerator(StorageSummary::name);
        storage.setClearButtonVisible(true);
        concurrency.setId("policy-concurrency");
        offered.setId("policy-offered");
        autoEnrol.setId("policy-auto-enrol");
        verifyAfter.setId("policy-verify-after");
        Select<String> preset = new Select<>();
        preset.setLabel("Preset");
        preset.setId("policy-preset");
        preset.setItems(PRESET_GFS, PRESET_LINODE);
        preset.setPlaceholder("Choose to fill the counts");
        preset.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                RetentionRules r = PRESET_GFS.equals(e.getValue()) ? RetentionPresets.gfs(ZoneId.of("UTC"))
                        : RetentionPresets.linodeSlots(ZoneId.of("UTC"));
                fill(r);
            }
        });

        if (existing == null) {
            fullDay.setValue(DAILY);
            fullAt.setValue(LocalTime.of(2, 0));
            incrementalHours.setValue(0);
            zone.setValue(ZoneId.systemDefault().getId());
            fill(RetentionPresets.gfs(ZoneId.systemDefault()));
            maxIncrementals.setValue(6);
            concurrency.setValue(2);
        } else {
            show(existing, storages);
        }

        FormLayout schedule = new FormLayout(name, fullDay, fullAt, incrementalHours, windowStart, windowEnd, zone);
        FormLayout retention = new FormLayout(preset, keepLast, hourly, daily, weekly, monthly, yearly, manualSlots);
        FormLayout where = new FormLayout(maxIncrementals, storage, concurrency, verifyAfter, allDisks, offered, autoEnrol);
        for (FormLayout f : List.of(schedule, retention, where)) {
            f.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("500px", 3));
        }
        Button previewButton = new Button("Preview retention", e -> showPreview(policies, existing));
        previewButton.setId("policy-preview");
        preview.setId("policy-preview-result");
        preview.setPadding(false);
        add(new H4("Schedule"), schedule, new H4("Retention"), retention, new H4("Where and how"), where,
                new HorizontalLayout(previewButton), preview);

        Button save = new Button("Save", e -> {
            try {
                Policy p = form(existing == null ? 0 : existing.id());
                if (existing == null) {
                    policies.create(p);
                } else {
                    policies.update(existing.id(), p);
                }
                Notices.done("Policy " + p.name() + " saved");
                close();
                saved.run();
            } catch (PolicyException ex) {
                Notices.refused(ex.getMessage());
            }
        });
        save.setId("policy-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    private void showPreview(PolicyService policies, Policy existing) {
        preview.removeAll();
        try {
            RetentionPreview p = policies.preview(form(existing == null ? 0 : existing.id()), existing == null ? null : existing.id());
            preview.add(new Paragraph("A year of this schedule's backups (" + p.simulatedYear().size() + "): " + p.keptInYear()
                    + " kept. The kept ones, and why:"));
            preview.add(decisions("policy-preview-year", p.simulatedYear().stream().filter(RetentionDecision::keep).toList()));
            for (RetentionPreview.InstancePreview i : p.instances()) {
                long removed = i.decisions().stream().filter(d -> !d.keep()).count();
                preview.add(new Paragraph(i.instance() + ": " + i.decisions().size() + " backups, " + removed
                        + " would be removed at its next backup."));
                preview.add(decisions("policy-preview-instance", i.decisions()));
            }
            if (p.instances().isEmpty()) {
                preview.add(new Paragraph("No instance follows this policy yet: attach instances to preview their real backups."));
            }
        } catch (PolicyException ex) {
            Notices.refused(ex.getMessage());
        }
    }

    private static Grid<RetentionDecision> decisions(String id, List<RetentionDecision> list) {
        Grid<RetentionDecision> grid = new Grid<>();
        grid.setId(id);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addColumn(RetentionDecision::backupId).setHeader("Backup").setWidth("240px").setFlexGrow(0);
        grid.addColumn(RetentionDecision::reason).setHeader("Decision").setFlexGrow(1);
        grid.setItems(list);
        grid.setAllRowsVisible(list.size() <= 15);
        return grid;
    }

    /** The policy the form describes; a field a schedule or rule refuses becomes a PolicyException. */
    private Policy form(long id) {
        try {
            ZoneId z = ZoneId.of(zone.getValue() == null ? "UTC" : zone.getValue());
            String day = fullDay.getValue();
            DayOfWeek d = day == null || DAILY.equals(day) ? null : DayOfWeek.valueOf(day.substring("Every ".length()).toUpperCase(Locale.ROOT));
            BackupWindow window = windowStart.getValue() == null || windowEnd.getValue() == null ? BackupWindow.ALL_DAY
                    : new BackupWindow(windowStart.getValue(), windowEnd.getValue());
            if (fullAt.getValue() == null) {
                throw new PolicyException("Choose the time of the full read.");
            }
            Schedule schedule = new Schedule(d, fullAt.getValue(), value(incrementalHours), window, z);
            RetentionRules rules = new RetentionRules(value(keepLast), value(hourly), value(daily), value(weekly), value(monthly),
                    value(yearly), manualSlots.getValue(), z);
            return new Policy(id, name.getValue().strip(), schedule, rules, value(maxIncrementals),
                    storage.getValue() == null ? null : storage.getValue().id(), allDisks.getValue(), Math.max(value(concurrency), 0),
                    offered.getValue(), autoEnrol.getValue(), verifyAfter.getValue());
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new PolicyException(e.getMessage());
        }
    }

    private void show(Policy p, List<StorageSummary> storages) {
        name.setValue(p.name());
        fullDay.setValue(p.schedule().fullDay() == null ? DAILY
                : "Every " + p.schedule().fullDay().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        fullAt.setValue(p.schedule().fullAt());
        incrementalHours.setValue(p.schedule().incrementalHours());
        if (!p.schedule().window().allDay()) {
            windowStart.setValue(p.schedule().window().start());
            windowEnd.setValue(p.schedule().window().end());
        }
        zone.setValue(p.schedule().zone().getId());
        fill(p.retention());
        maxIncrementals.setValue(p.maxIncrementals());
        storages.stream().filter(s -> Long.valueOf(s.id()).equals(p.storageId())).findFirst().ifPresent(storage::setValue);
        allDisks.setValue(p.allDisks());
        concurrency.setValue(p.concurrency());
        offered.setValue(p.offered());
        autoEnrol.setValue(p.autoEnrol());
        verifyAfter.setValue(p.verifyAfterDays());
    }

    private void fill(RetentionRules r) {
        keepLast.setValue(r.keepLast());
        hourly.setValue(r.hourly());
        daily.setValue(r.daily());
        weekly.setValue(r.weekly());
        monthly.setValue(r.monthly());
        yearly.setValue(r.yearly());
        manualSlots.setValue(r.manualSlots());
    }

    private static IntegerField count(String label) {
        IntegerField f = new IntegerField(label);
        f.setId("policy-keep-" + label.toLowerCase(Locale.ROOT).replace(' ', '-'));
        f.setMin(0);
        f.setValue(0);
        return f;
    }

    private static int value(IntegerField f) {
        if (f.getValue() == null || f.getValue() < 0) {
            throw new PolicyException(f.getLabel() + ": enter a number of 0 or more.");
        }
        return f.getValue();
    }
}
