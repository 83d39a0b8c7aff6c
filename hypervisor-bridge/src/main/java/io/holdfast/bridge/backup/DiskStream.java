package io.holdfast.bridge.backup;

import io.holdfast.bridge.libvirt.VmDisk;
import io.holdfast.bridge.nbd.NbdClient;

/** One disk being read over NBD; {@code dirtyContext} is null for a full read. */
record DiskStream(VmDisk disk, NbdClient client, String dirtyContext) {

    static final String ALLOCATION = "base:allocation";
}
