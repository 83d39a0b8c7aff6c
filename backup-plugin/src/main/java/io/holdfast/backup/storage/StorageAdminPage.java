package io.holdfast.backup.storage;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** The admin's Backup Storage page: where backups go (local folder, SFTP, FTP, S3). */
public final class StorageAdminPage extends VerticalLayout {

    public StorageAdminPage() {
        setId("backup-storage");
        add(new Paragraph("No backup storage is configured yet."));
    }
}
