package io.holdfast.backup.storage.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import io.holdfast.backup.ui.Notices;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.holdfast.bridge.agent.ProbeReport;
import io.holdfast.backup.storage.CreatedStorage;
import io.holdfast.backup.storage.StorageException;
import io.holdfast.backup.storage.StorageForm;
import io.holdfast.backup.storage.StorageKind;
import io.holdfast.backup.storage.StorageSecrets;
import io.holdfast.backup.storage.StorageService;
import io.holdfast.backup.storage.StorageSettings;
import io.holdfast.backup.storage.StorageSummary;
import io.holdfast.bridge.remote.ConfigException;
import io.holdfast.bridge.remote.RemoteConfig;

import java.util.Locale;
import java.util.Map;

/**
 * Adds or edits a storage. Secrets are write-only: their fields start empty, and empty means "keep the
 * saved one". Test shows the probe's figures or its one sentence, and the server's fingerprint, which is
 * pinned when the admin saves.
 */
final class StorageDialog extends Dialog {

    private final StorageService storages;
    private final StorageSummary existing;
    private final Runnable saved;

    private final TextField name = field("Name", "storage-name");
    private final Select<StorageKind> kind = new Select<>();
    private final TextField path = field("Folder on the hypervisor (absolute)", "storage-path");
    private final TextField host = field("Host", "storage-host");
    private final IntegerField port = new IntegerField("Port");
    private final TextField username = field("Username", "storage-username");
    private final PasswordField password = new PasswordField("Password");
    private final TextArea privateKey = new TextArea("Private key (instead of a password)");
    private final TextField prefix = field("Path prefix (folder)", "storage-prefix");
    private final Select<RemoteConfig.FtpSecurity> ftpSecurity = new Select<>();
    private final TextField endpoint = field("Endpoint (full URL)", "storage-endpoint");
    private final TextField bucket = field("Bucket", "storage-bucket");
    private final TextField region = field("Region", "storage-region");
    private final TextField accessKey = field("Access key", "storage-access-key");
    private final PasswordField secretKey = new PasswordField("Secret key");
    private final Checkbox pathStyle = new Checkbox("Path-style requests");
    private final TextField rcloneRemote = field("Rclone remote name", "storage-rclone-remote");
    private final Checkbox enabled = new Checkbox("Enabled", true);
    private final IntegerField bandwidth = new IntegerField("Bandwidth limit (MB/s, empty = none)");
    private final IntegerField parallelJobs = new IntegerField("Parallel jobs");
    private final Checkbox encrypted = new Checkbox("Encrypt the datastore (AES-256-GCM)");
    private final Paragraph testResult = new Paragraph();
    private String fingerprint;

    StorageDialog(StorageService storages, StorageSummary existing, Runnable saved) {
        this.storages = storages;
        this.existing = existing;
        this.saved = saved;
        setHeaderTitle(existing == null ? "Add backup storage" : "Edit " + existing.name());
        setWidth("760px");
        kind.setLabel("Type");
        kind.setId("storage-kind");
        kind.setItems(StorageKind.values());
        kind.setItemLabelGenerator(StorageKind::label);
        kind.addValueChangeListener(e -> showFieldsOf(e.getValue()));
        port.setId("storage-port");
        password.setId("storage-password");
        privateKey.setId("storage-private-key");
        ftpSecurity.setLabel("TLS");
        ftpSecurity.setId("storage-ftp-security");
        ftpSecurity.setItems(RemoteConfig.FtpSecurity.values());
        ftpSecurity.setItemLabelGenerator(s -> switch (s) {
            case NONE -> "none (plain FTP)";
            case EXPLICIT_TLS -> "explicit (FTPES)";
            case IMPLICIT_TLS -> "implicit (FTPS, port 990)";
        });
        ftpSecurity.setValue(RemoteConfig.FtpSecurity.EXPLICIT_TLS);
        secretKey.setId("storage-secret-key");
        pathStyle.setId("storage-path-style");
        enabled.setId("storage-enabled");
        bandwidth.setId("storage-bandwidth");
        parallelJobs.setId("storage-parallel-jobs");
        parallelJobs.setValue(2);
        parallelJobs.setMin(1);
        encrypted.setId("storage-encrypted");
        testResult.setId("storage-test-result");

        FormLayout form = new FormLayout(name, kind, path, host, port, username, password, privateKey, prefix, ftpSecurity,
                endpoint, bucket, region, accessKey, secretKey, pathStyle, rcloneRemote, bandwidth, parallelJobs, enabled, encrypted);
        form.setColspan(privateKey, 2);
        add(form, testResult);

        Button test = new Button("Test", e -> test());
        test.setId("storage-test");
        Button save = new Button("Save", e -> save());
        save.setId("storage-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> close());
        getFooter().add(cancel, test, save);

        if (existing != null) {
            fill(existing);
        } else {
            kind.setValue(StorageKind.LOCAL);
        }
    }

    private void fill(StorageSummary s) {
        StorageSettings st = s.settings();
        name.setValue(s.name());
        kind.setValue(s.kind());
        kind.setReadOnly(true);
        set(path, st.path());
        set(host, st.host());
        port.setValue(st.port());
        set(username, st.username());
        set(prefix, st.prefix());
        if (st.ftpSecurity() != null) {
            ftpSecurity.setValue(st.ftpSecurity());
        }
        set(endpoint, st.endpoint());
        set(bucket, st.bucket());
        set(region, st.region());
        set(accessKey, st.accessKey());
        pathStyle.setValue(Boolean.TRUE.equals(st.pathStyle()));
        set(rcloneRemote, st.rcloneRemote());
        enabled.setValue(s.enabled());
        bandwidth.setValue(s.bandwidthMBps());
        parallelJobs.setValue(s.parallelJobs());
        encrypted.setValue(s.encrypted());
        encrypted.setReadOnly(true);
        fingerprint = st.pinnedFingerprint();
        password.setPlaceholder(s.hasPassword() ? "(saved; type to replace)" : "");
        privateKey.setPlaceholder(s.hasPrivateKey() ? "(saved; paste to replace)" : "");
        secretKey.setPlaceholder(s.hasSecretKey() ? "(saved; type to replace)" : "");
        if (fingerprint != null) {
            testResult.setText("Pinned server identity: " + fingerprint);
        }
    }

    private void showFieldsOf(StorageKind k) {
        boolean local = k == StorageKind.LOCAL;
        boolean sftp = k == StorageKind.SFTP;
        boolean ftp = k == StorageKind.FTP;
        boolean s3 = k == StorageKind.S3;
        boolean rclone = k == StorageKind.RCLONE;
        path.setVisible(local);
        host.setVisible(sftp || ftp);
        port.setVisible(sftp || ftp);
        if (port.isEmpty() && (sftp || ftp)) {
            port.setValue(sftp ? 22 : 21);
        }
        username.setVisible(sftp || ftp);
        password.setVisible(sftp || ftp);
        privateKey.setVisible(sftp);
        prefix.setVisible(!local);
        ftpSecurity.setVisible(ftp);
        endpoint.setVisible(s3);
        bucket.setVisible(s3);
        region.setVisible(s3);
        accessKey.setVisible(s3);
        secretKey.setVisible(s3);
        pathStyle.setVisible(s3);
        rcloneRemote.setVisible(rclone);
    }

    private StorageForm form() {
        StorageKind k = kind.getValue();
        StorageSettings settings = switch (k) {
            case LOCAL -> StorageSettings.local(path.getValue());
            case SFTP -> StorageSettings.sftp(host.getValue(), port.getValue() == null ? 22 : port.getValue(), username.getValue(),
                    prefix.getValue(), fingerprint);
            case FTP -> StorageSettings.ftp(host.getValue(), port.getValue() == null ? 21 : port.getValue(), username.getValue(),
                    prefix.getValue(), ftpSecurity.getValue(), fingerprint);
            case S3 -> StorageSettings.s3(endpoint.getValue(), bucket.getValue(), region.getValue(), accessKey.getValue(),
                    prefix.getValue(), pathStyle.getValue());
            case RCLONE -> StorageSettings.rclone(rcloneRemote.getValue(), prefix.getValue());
        };
        StorageSecrets secrets = new StorageSecrets(blankToNull(password.getValue()), blankToNull(privateKey.getValue()),
                blankToNull(secretKey.getValue()));
        return new StorageForm(name.getValue(), enabled.getValue(), settings, secrets, bandwidth.getValue(),
                parallelJobs.getValue() == null ? 0 : parallelJobs.getValue(), encrypted.getValue());
    }

    private void test() {
        clearErrors();
        StorageForm form = form();
        ProbeReport report = storages.test(form, existing == null ? null : existing.id());
        if (report.ok()) {
            String text = String.format(Locale.ROOT, "OK — write %.1f MB/s, read %.1f MB/s.", report.writeMBps(), report.readMBps());
            if (report.serverFingerprint() != null && form.settings().pinsServerIdentity()) {
                if (fingerprint == null || !fingerprint.equals(report.serverFingerprint())) {
                    text += " Server identity " + report.serverFingerprint() + ": it is pinned when you save; a different one "
                            + "will be refused later.";
                } else {
                    text += " Server identity " + report.serverFingerprint() + " (pinned).";
                }
                fingerprint = report.serverFingerprint();
            }
            testResult.setText(text);
            testResult.getStyle().set("color", "var(--lumo-success-text-color)");
        } else {
            testResult.setText("Test failed: " + report.message());
            testResult.getStyle().set("color", "var(--lumo-error-text-color)");
        }
    }

    private void save() {
        clearErrors();
        try {
            StorageForm form = form();
            if (existing == null) {
                CreatedStorage created = storages.create(form);
                if (created.datastoreKey() != null) {
                    new DatastoreKeyDialog(form.name(), created).open();
                }
            } else {
                storages.update(existing.id(), form);
            }
            Notices.done("Storage " + form.name() + " saved");
            close();
            saved.run();
        } catch (StorageException e) {
            showErrors(e);
        }
    }

    private void showErrors(StorageException e) {
        Map<String, HasValidation> fields = Map.ofEntries(Map.entry("name", name), Map.entry("path", path),
                Map.entry("host", host), Map.entry("port", port), Map.entry("username", username),
                Map.entry("password", password), Map.entry("prefix", prefix), Map.entry("endpoint", endpoint),
                Map.entry("bucket", bucket), Map.entry("region", region), Map.entry("accessKey", accessKey),
                Map.entry("secretKey", secretKey), Map.entry("rcloneRemote", rcloneRemote),
                Map.entry("bandwidthMBps", bandwidth), Map.entry("parallelJobs", parallelJobs), Map.entry("ftpSecurity", ftpSecurity));
        StringBuilder other = new StringBuilder();
        for (ConfigException.FieldError f : e.fields()) {
            HasValidation field = fields.get(f.field());
            if (field != null) {
                field.setErrorMessage(f.message());
                field.setInvalid(true);
            } else {
                other.append(f).append(". ");
            }
        }
        String text = e.fields().isEmpty() ? e.getMessage() : other.toString().strip();
        if (!text.isEmpty()) {
            testResult.setText(text);
            testResult.getStyle().set("color", "var(--lumo-error-text-color)");
        }
        Notices.refused("Not saved: " + e.getMessage());
    }

    private void clearErrors() {
        for (HasValidation f : new HasValidation[]{name, path, host, port, username, password, prefix, endpoint, bucket, region,
                accessKey, secretKey, rcloneRemote, bandwidth, parallelJobs}) {
            f.setInvalid(false);
        }
    }

    private static TextField field(String label, String id) {
        TextField f = new TextField(label);
        f.setId(id);
        return f;
    }

    private static void set(TextField f, String value) {
        f.setValue(value == null ? "" : value);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
