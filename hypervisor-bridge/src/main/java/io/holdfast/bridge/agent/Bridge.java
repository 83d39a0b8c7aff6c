package io.holdfast.bridge.agent;

import io.holdfast.bridge.progress.Cancellation;

/**
 * How the plugin reaches the agent on one hypervisor (DESIGN §7): every operation a job runs there. The
 * in-process implementation runs the engines in this JVM; {@code DaemonBridge} reaches the same engines in a
 * daemon over HTTPS. Requests carry the storage configuration and keys; nothing in them is a path on the master.
 * Failures are {@link BridgeException}s whose message is one sentence for the task log and the UI.
 */
public interface Bridge {

    /** Checks a storage end to end (connect, write, read, list, delete) and measures it. Never throws. */
    ProbeReport probe(StorageAccess storage);

    BackupOutcome backup(BackupOrder order, JobEvents events, Cancellation cancel);

    RestoreOutcome restore(RestoreOrder order, JobEvents events, Cancellation cancel);

    /**
     * Re-reads every chunk a snapshot references (every snapshot's when {@code snapshot} is null) and checks it
     * against its digest; a chunk read corrupt twice is moved aside so a backup or mirror stores it again.
     */
    VerifyOutcome verify(StorageAccess storage, String snapshot, JobEvents events, Cancellation cancel);

    /**
     * Copies snapshots between two storages: only chunks the destination lacks, each checked at the source,
     * re-keyed when the keys differ, each snapshot committed at the destination only when complete.
     */
    MirrorOutcome mirror(MirrorOrder order, JobEvents events, Cancellation cancel);

    /** The committed snapshots of a datastore, oldest first. */
    java.util.List<SnapshotSummary> list(StorageAccess storage, JobEvents events);

    /** Removes the chunks no snapshot uses (never chunks younger than the oldest running backup). */
    void gc(StorageAccess storage, JobEvents events, Cancellation cancel);

    /** Removes a snapshot from the datastore (its chunks go at the next gc). Missing already = done. */
    void deleteSnapshot(StorageAccess storage, String snapshot, JobEvents events);

    /** Cleans up after a mirror whose runner died: its running marker (so gc is not held back) at the storage. */
    void forgetRun(StorageAccess storage, String jobRef, JobEvents events);

    /**
     * Cleans up after a backup whose runner died: ends the domain's libvirt backup job, removes Holdfast
     * checkpoints of this datastore that no committed snapshot names, and the backup's running marker and job
     * folder ({@code jobRef}, as in its {@link BackupOrder}).
     */
    void recover(StorageAccess storage, String domainUuid, String jobRef, JobEvents events);
}
