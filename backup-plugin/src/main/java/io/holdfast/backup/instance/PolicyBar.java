package io.holdfast.backup.instance;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import io.holdfast.backup.policy.Policy;
import io.holdfast.backup.policy.PolicyException;
import io.holdfast.backup.policy.PolicyService;
import io.holdfast.backup.ui.Formats;
import io.holdfast.backup.ui.Notices;
import io.holdfast.plugin.api.inventory.InstanceRef;

import java.util.List;
import java.util.Optional;

/**
 * Which policy backs the instance up and when it next runs; "Enable backups" with a policy the provider
 * offers, or "Cancel backups", which asks whether to keep or delete the existing backups.
 */
final class PolicyBar extends HorizontalLayout {

    static final String KEEP = "Keep the existing backups";
    static final String DELETE = "Delete the existing backups (protected ones stay)";

    private final InstanceRef instance;
    private final PolicyService policies;
    private final Runnable changed;
    private final Span text = new Span();
    private final Button enable = new Button("Enable backups");
    private final Button cancel = new Button("Cancel backups");
    private Policy shown;

    PolicyBar(InstanceRef instance, PolicyService policies, Runnable changed) {
        this.instance = instance;
        this.policies = policies;
        this.changed = changed;
        setId("policy-bar");
        setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        setWidthFull();
        text.setId("policy-status");
        enable.setId("policy-enable");
        enable.addClickListener(e -> enableDialog());
        cancel.setId("policy-cancel");
        cancel.addClickListener(e -> cancelDialog(shown));
        add(text, enable, cancel);
        expand(text);
        // filled when shown: BackupsTab binds refresh to the job feed, which runs it on attach
    }

    /**
     * Updates the text and which button shows, in place: it runs on every job-feed change, and replacing the
     * buttons would swallow a click that lands meanwhile (a test's click on "Enable backups" was lost so).
     */
    void refresh() {
        Optional<PolicyService.InstancePolicy> current = policies.policyOf(instance.id());
        shown = current.map(PolicyService.InstancePolicy::policy).orElse(null);
        if (current.isPresent()) {
            Policy p = current.get().policy();
            text.setText("Backups on: policy " + p.name() + " — " + p.schedule().describe() + "; keeps " + p.retention().describe()
                    + ". Next run " + Formats.MINUTE.format(current.get().nextRun()) + ".");
        } else {
            text.setText("No backup schedule: backups run only when you start them.");
        }
        enable.setVisible(current.isEmpty());
        cancel.setVisible(current.isPresent());
    }

    private void enableDialog() {
        List<Policy> offered = policies.offered();
        if (offered.isEmpty()) {
            Notices.refused("Your provider offers no backup schedule yet: make backups with \"Create backup\", or ask them.");
            return;
        }
        Dialog d = new Dialog();
        d.setHeaderTitle("Enable backups of " + instance.name());
        Select<Policy> choice = new Select<>();
        choice.setId("policy-choice");
        choice.setLabel("Schedule and retention");
        choice.setItems(offered);
        choice.setItemLabelGenerator(p -> p.name() + " — " + p.schedule().describe() + "; keeps " + p.retention().describe());
        choice.setValue(offered.getFirst());
        choice.setWidthFull();
        d.add(choice);
        d.setWidth("min(720px, 95vw)");
        Button ok = new Button("Enable", e -> {
            try {
                policies.enable(instance.id(), choice.getValue().id());
                Notices.done("Backups enabled: " + choice.getValue().name());
                d.close();
                refresh();
                changed.run();
            } catch (PolicyException ex) {
                Notices.refused(ex.getMessage());
            }
        });
        ok.setId("policy-enable-ok");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        d.getFooter().add(new Button("Cancel", e -> d.close()), ok);
        d.open();
    }

    private void cancelDialog(Policy p) {
        Dialog d = new Dialog();
        d.setHeaderTitle("Cancel backups of " + instance.name() + "?");
        RadioButtonGroup<String> what = new RadioButtonGroup<>("The backups made so far");
        what.setId("policy-cancel-what");
        what.setItems(KEEP, DELETE);
        what.setValue(KEEP);
        d.add(new Paragraph("No more backups run on the schedule of " + p.name() + ". You can still make backups by hand."), what);
        Button ok = new Button("Cancel backups", e -> {
            try {
                int deleted = policies.cancel(instance.id(), DELETE.equals(what.getValue()));
                Notices.done(deleted == 0 ? "Backups cancelled" : "Backups cancelled; " + deleted + " deletion" + (deleted == 1 ? "" : "s")
                        + " queued");
                d.close();
                refresh();
                changed.run();
            } catch (PolicyException ex) {
                Notices.refused(ex.getMessage());
            }
        });
        ok.setId("policy-cancel-ok");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        d.getFooter().add(new Button("Keep them on", e -> d.close()), ok);
        d.open();
    }
}
