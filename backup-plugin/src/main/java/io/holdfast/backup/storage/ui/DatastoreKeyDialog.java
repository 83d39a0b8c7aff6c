package io.holdfast.backup.storage.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.holdfast.backup.storage.CreatedStorage;

import java.nio.charset.StandardCharsets;

/** Shows a new encrypted storage's datastore key once, with a download, and says why it matters. */
final class DatastoreKeyDialog extends Dialog {

    DatastoreKeyDialog(String storageName, CreatedStorage created) {
        setHeaderTitle("Keep this datastore key safe");
        setWidth("640px");
        add(new Paragraph("Backups on " + storageName + " are encrypted with this key. Holdfast keeps it (sealed with the "
                + "master key), but if this server's database or master key file is lost, restores need this key. It is "
                + "shown only now: download it or copy it to a password manager."));
        Pre key = new Pre(created.datastoreKey());
        key.setId("datastore-key");
        add(key, new Paragraph("Fingerprint: " + created.keyFingerprint()));
        byte[] file = (created.datastoreKey() + "\n").getBytes(StandardCharsets.US_ASCII);
        String fileName = "holdfast-" + storageName.replaceAll("[^A-Za-z0-9._-]", "_") + ".key";
        Anchor download = new Anchor(DownloadHandler.fromInputStream(event -> new com.vaadin.flow.server.streams.DownloadResponse(
                new java.io.ByteArrayInputStream(file), fileName, "application/octet-stream", file.length)), "Download the key");
        download.setId("datastore-key-download");
        download.getElement().setAttribute("download", true);
        Button done = new Button("I have kept it", e -> close());
        done.setId("datastore-key-done");
        add(download);
        getFooter().add(done);
        setCloseOnOutsideClick(false);
    }
}
