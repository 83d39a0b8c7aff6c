package io.holdfast.backup.bridge.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.holdfast.backup.bridge.BridgeRegistration;
import io.holdfast.backup.bridge.BridgeRegistry;
import io.holdfast.backup.bridge.RegistrationException;
import io.holdfast.backup.ui.Notices;
import io.holdfast.plugin.api.inventory.HypervisorRef;

/**
 * Registers a hypervisor's daemon: the address, token and fingerprint `holdfast-bridge fingerprint` printed
 * there. "Read fingerprint" shows what the server presents now, to compare with the printed one before pinning.
 */
final class RegistrationDialog extends Dialog {

    private final TextField url = new TextField("Address");
    private final PasswordField token = new PasswordField("Token");
    private final TextField fingerprint = new TextField("Certificate fingerprint");

    RegistrationDialog(BridgeRegistry registry, HypervisorRef hv, BridgeRegistration existing, Runnable saved) {
        setHeaderTitle("Bridge daemon of " + hv.name());
        setWidth("620px");
        url.setId("bridge-url");
        url.setPlaceholder("https://" + hv.name() + ":8643");
        url.setWidthFull();
        token.setId("bridge-token");
        token.setWidthFull();
        token.setHelperText(existing == null ? "Shown by `holdfast-bridge fingerprint` on the hypervisor; stored sealed, never shown again."
                : "Leave empty to keep the registered token.");
        fingerprint.setId("bridge-fingerprint");
        fingerprint.setWidthFull();
        fingerprint.setPlaceholder("SHA256:...");
        fingerprint.setHelperText("Only a daemon presenting this certificate is ever sent a job or a storage's secrets.");
        if (existing != null) {
            url.setValue(existing.url());
            fingerprint.setValue(existing.fingerprint());
        }
        Paragraph presented = new Paragraph();
        presented.setId("bridge-presented");
        Button read = new Button("Read fingerprint", e -> {
            try {
                String now = registry.presentedFingerprint(url.getValue());
                presented.setText("The server presents " + now + ". Pin it only if it is the one the hypervisor printed.");
                if (fingerprint.isEmpty()) {
                    fingerprint.setValue(now);
                }
            } catch (RegistrationException ex) {
                presented.setText("");
                Notices.refused(ex.getMessage());
            }
        });
        read.setId("bridge-read-fingerprint");
        Button save = new Button("Save", e -> {
            url.setInvalid(false);
            token.setInvalid(false);
            fingerprint.setInvalid(false);
            try {
                registry.register(hv.id(), url.getValue(), token.getValue(), fingerprint.getValue());
                BridgeRegistration checked = registry.test(hv.id());
                if (Boolean.TRUE.equals(checked.checkOk())) {
                    Notices.done("Bridge daemon of " + hv.name() + " registered. " + checked.checkMessage());
                } else {
                    Notices.refused("Registered, but the Test failed: " + checked.checkMessage());
                }
                saved.run();
                close();
            } catch (RegistrationException ex) {
                switch (ex.field() == null ? "" : ex.field()) {
                    case "url" -> mark(url, ex);
                    case "token" -> mark(token, ex);
                    case "fingerprint" -> mark(fingerprint, ex);
                    default -> Notices.refused(ex.getMessage());
                }
            }
        });
        save.setId("bridge-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> close());
        VerticalLayout form = new VerticalLayout(url, token, new HorizontalLayout(read), fingerprint, presented);
        form.setPadding(false);
        add(form);
        getFooter().add(cancel, save);
    }

    private static void mark(com.vaadin.flow.component.HasValidation field, RegistrationException ex) {
        field.setErrorMessage(ex.getMessage());
        field.setInvalid(true);
    }
}
