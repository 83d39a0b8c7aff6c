package io.holdfast.backup.mirror.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;
import io.holdfast.backup.mirror.Mirror;
import io.holdfast.backup.mirror.MirrorException;
import io.holdfast.backup.mirror.MirrorScope;
import io.holdfast.backup.mirror.MirrorService;
import io.holdfast.backup.policy.Policy;
import io.holdfast.backup.storage.StorageSummary;
import io.holdfast.backup.ui.Notices;
import io.holdfast.plugin.api.tenancy.TenantRef;
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

/** Add or edit a mirror: from where to where, which snapshots, when, and what the destination keeps. */
final class MirrorDialog extends Dialog {

    static final String ALL_SNAPSHOTS = "Every snapshot";
    static final String LAST_N = "The last N per instance";
    static final String BY_HAND = "On demand";
    static final String DAILY = "Every day";
    static final String KEEP_ALL = "Keep every copy";
    static final String LATEST_ONLY = "Latest only";
    static final String GFS = "7 daily, 4 weekly, 12 monthly, 3 yearly";
    static final String CUSTOM = "Custom";

    private final TextField name = new TextField("Name");
    private final ComboBox<StorageSummary> source = new ComboBox<>("From storage");
    private final ComboBox<StorageSummary> destination = new ComboBox<>("To storage");
    private final Select<String> which = new Select<>();
    private final IntegerField lastN = new IntegerField("N");
    private final Select<MirrorScope> scope = new Select<>();
    private final ComboBox<TenantRef> tenant = new ComboBox<>("Tenant");
    private final ComboBox<Policy> policy = new ComboBox<>("Policy");
    private final Select<String> when = new Select<>();
    private final TimePicker at = new TimePicker("At");
    private final ComboBox<String> zone = new ComboBox<>("Time zone");
    private final Select<String> keep = new Select<>();
    private final IntegerField keepLast = count("Keep last");
    private final IntegerField daily = count("Daily");
    private final IntegerField weekly = count("Weekly");
    private final IntegerField monthly = count("Monthly");
    private final IntegerField yearly = count("Yearly");
    private final IntegerField bandwidth = new IntegerField("Bandwidth limit, MB/s (0: none)");

    MirrorDialog(MirrorService mirrors, List<TenantRef> tenants, List<Policy> policies, Mirror existing, Runnable saved) {
        setHeaderTitle(existing == null ? "Add a mirror" : "Edit mirror " + existing.name());
        setWidth("min(900px, 96vw)");
        List<StorageSummary> storages = mirrors.storages();
        name.setId("mirror-name");
        for (ComboBox<StorageSummary> c : List.of(source, destination)) {
            c.setItems(storages);
            c.setItemLabelGenerator(StorageSummary::name);
        }
        source.setId("mirror-source");
        destination.setId("mirror-destination");
        which.setLabel("Which snapshots");
        which.setId("mirror-which");
        which.setItems(ALL_SNAPSHOTS, LAST_N);
        lastN.setId("mirror-last-n");
        lastN.setMin(1);
        scope.setLabel("Of which instances");
        scope.setId("mirror-scope");
        scope.setItems(MirrorScope.values());
        scope.setItemLabelGenerator(s -> switch (s) {
            case ALL -> "All instances";
            case TENANT -> "A tenant's instances";
            case POLICY -> "The instances following a policy";
        });
        tenant.setId("mirror-tenant");
        tenant.setItems(tenants);
        tenant.setItemLabelGenerator(TenantRef::name);
        policy.setId("mirror-policy");
        policy.setItems(policies);
        policy.setItemLabelGenerator(Policy::name);
        when.setLabel("Runs");
        when.setId("mirror-when");
        List<String> days = new ArrayList<>(List.of(BY_HAND, DAILY));
        for (DayOfWeek d : DayOfWeek.values()) {
            days.add("Every " + d.getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        }
        when.setItems(days);
        at.setId("mirror-at");
        zone.setId("mirror-zone");
        zone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        keep.setLabel("At the destination");
        keep.setId("mirror-keep");
        keep.setItems(KEEP_ALL, LATEST_ONLY, GFS, CUSTOM);
        bandwidth.setId("mirror-bandwidth");
        bandwidth.setMin(0);
        which.addValueChangeListener(e -> lastN.setVisible(LAST_N.equals(e.getValue())));
        scope.addValueChangeListener(e -> {
            tenant.setVisible(e.getValue() == MirrorScope.TENANT);
            policy.setVisible(e.getValue() == MirrorScope.POLICY);
        });
        when.addValueChangeListener(e -> {
            at.setVisible(!BY_HAND.equals(e.getValue()));
            zone.setVisible(!BY_HAND.equals(e.getValue()));
        });
        keep.addValueChangeListener(e -> {
            boolean custom = CUSTOM.equals(e.getValue());
            List.of(keepLast, daily, weekly, monthly, yearly).forEach(f -> f.setVisible(custom));
        });

        if (existing == null) {
            which.setValue(ALL_SNAPSHOTS);
            lastN.setValue(3);
            scope.setValue(MirrorScope.ALL);
            when.setValue(DAILY);
            at.setValue(LocalTime.of(4, 0));
            zone.setValue(ZoneId.systemDefault().getId());
            keep.setValue(KEEP_ALL);
            bandwidth.setValue(0);
        } else {
            show(existing, storages, tenants, policies);
        }

        FormLayout route = new FormLayout(name, source, destination, which, lastN, scope, tenant, policy);
        FormLayout schedule = new FormLayout(when, at, zone, bandwidth);
        FormLayout retention = new FormLayout(keep, keepLast, daily, weekly, monthly, yearly);
        for (FormLayout f : List.of(route, schedule, retention)) {
            f.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("500px", 3));
        }
        add(new Paragraph("A mirror copies snapshots from one storage to another — only the chunks the destination lacks, each "
                        + "checked on the way, re-encrypted when the destination has its own key. A copy appears at the destination "
                        + "only once complete."),
                new H4("What"), route, new H4("When"), schedule, new H4("Kept at the destination"), retention);

        Button save = new Button("Save", e -> {
            try {
                Mirror m = form(existing == null ? 0 : existing.id());
                if (existing == null) {
                    mirrors.create(m);
                } else {
                    mirrors.update(existing.id(), m);
                }
                Notices.done("Mirror " + m.name() + " saved");
                close();
                saved.run();
            } catch (MirrorException ex) {
                Notices.refused(ex.getMessage());
            }
        });
        save.setId("mirror-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    /** The mirror the form describes; a value the rules refuse becomes a MirrorException. */
    private Mirror form(long id) {
        if (source.getValue() == null || destination.getValue() == null) {
            throw new MirrorException("Choose the storage to copy from and the storage to copy to.");
        }
        try {
            ZoneId z = ZoneId.of(zone.getValue() == null ? "UTC" : zone.getValue());
            Schedule schedule = null;
            if (!BY_HAND.equals(when.getValue())) {
                if (at.getValue() == null) {
                    throw new MirrorException("Choose the time the mirror runs at.");
                }
                String day = when.getValue();
                DayOfWeek d = DAILY.equals(day) ? null : DayOfWeek.valueOf(day.substring("Every ".length()).toUpperCase(Locale.ROOT));
                schedule = new Schedule(d, at.getValue(), 0, BackupWindow.ALL_DAY, z);
            }
            RetentionRules rules = switch (keep.getValue() == null ? KEEP_ALL : keep.getValue()) {
                case LATEST_ONLY -> new RetentionRules(1, 0, 0, 0, 0, 0, null, z);
                case GFS -> RetentionPresets.gfs(z);
                case CUSTOM -> new RetentionRules(value(keepLast), 0, value(daily), value(weekly), value(monthly), value(yearly), null, z);
                default -> null;
            };
            MirrorScope s = scope.getValue() == null ? MirrorScope.ALL : scope.getValue();
            Long scopeId = switch (s) {
                case ALL -> null;
                case TENANT -> tenant.getValue() == null ? null : tenant.getValue().id();
                case POLICY -> policy.getValue() == null ? null : policy.getValue().id();
            };
            Integer n = LAST_N.equals(which.getValue()) ? (lastN.getValue() == null ? 0 : lastN.getValue()) : null;
            long bps = bandwidth.getValue() == null ? 0 : (long) bandwidth.getValue() * 1_000_000L;
            return new Mirror(id, name.getValue().strip(), source.getValue().id(), destination.getValue().id(), n, s, scopeId, schedule,
                    rules, bps);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new MirrorException(e.getMessage());
        }
    }

    private void show(Mirror m, List<StorageSummary> storages, List<TenantRef> tenants, List<Policy> policies) {
        name.setValue(m.name());
        storages.stream().filter(s -> s.id() == m.sourceStorageId()).findFirst().ifPresent(source::setValue);
        storages.stream().filter(s -> s.id() == m.destinationStorageId()).findFirst().ifPresent(destination::setValue);
        which.setValue(m.lastPerInstance() == null ? ALL_SNAPSHOTS : LAST_N);
        lastN.setValue(m.lastPerInstance() == null ? 3 : m.lastPerInstance());
        scope.setValue(m.scope());
        tenants.stream().filter(t -> Long.valueOf(t.id()).equals(m.scopeId())).findFirst().ifPresent(tenant::setValue);
        policies.stream().filter(p -> Long.valueOf(p.id()).equals(m.scopeId())).findFirst().ifPresent(policy::setValue);
        if (m.schedule() == null) {
            when.setValue(BY_HAND);
            at.setValue(LocalTime.of(4, 0));
            zone.setValue(ZoneId.systemDefault().getId());
        } else {
            when.setValue(m.schedule().fullDay() == null ? DAILY
                    : "Every " + m.schedule().fullDay().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
            at.setValue(m.schedule().fullAt());
            zone.setValue(m.schedule().zone().getId());
        }
        RetentionRules r = m.retention();
        if (r == null) {
            keep.setValue(KEEP_ALL);
        } else if (r.equals(new RetentionRules(1, 0, 0, 0, 0, 0, null, r.zone()))) {
            keep.setValue(LATEST_ONLY);
        } else if (r.equals(RetentionPresets.gfs(r.zone()))) {
            keep.setValue(GFS);
        } else {
            keep.setValue(CUSTOM);
            keepLast.setValue(r.keepLast());
            daily.setValue(r.daily());
            weekly.setValue(r.weekly());
            monthly.setValue(r.monthly());
            yearly.setValue(r.yearly());
        }
        bandwidth.setValue((int) (m.bandwidthBytesPerSecond() / 1_000_000L));
    }

    private static IntegerField count(String label) {
        IntegerField f = new IntegerField(label);
        f.setId("mirror-keep-" + label.toLowerCase(Locale.ROOT).replace(' ', '-'));
        f.setMin(0);
        f.setValue(0);
        f.setVisible(false);
        return f;
    }

    private static int value(IntegerField f) {
        if (f.getValue() == null || f.getValue() < 0) {
            throw new MirrorException(f.getLabel() + ": enter a number of 0 or more.");
        }
        return f.getValue();
    }
}
