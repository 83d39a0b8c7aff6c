package io.holdfast.bridge.backup;

import java.util.List;

/** The NBD exports of one backup: libvirt's pull-mode job (running VM) or qemu-nbd (stopped VM). */
interface BackupSession extends AutoCloseable {

    List<DiskStream> disks();

    /** The checkpoint this backup created, if any (only a running VM gets a new one). */
    String createdCheckpoint();

    /** Ends the session after a successful backup: the checkpoint stays. */
    void finish();

    /** Ends the session after a failure or cancel: no job, no new checkpoint stays. Never throws. */
    void abort(List<String> notes);

    @Override
    void close();
}
