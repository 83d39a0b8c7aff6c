package io.holdfast.backup.job;

import io.holdfast.bridge.agent.JobEvents;
import io.holdfast.bridge.agent.StorageAccess;

/** A running job as a {@link JobWork} sees it: its task log, and the storages it may open. */
public interface JobTask extends JobEvents {

    void error(String message);

    /** A storage with its secrets, which from now on are redacted from this job's task log. */
    StorageAccess storage(long storageId);
}
