package io.holdfast.bridge.cli;

/** What the CLI's exit code says failed. */
final class ExitCodes {

    private ExitCodes() {
    }

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    /** The datastore is missing, damaged, or the key is wrong; verify found damage. */
    static final int DATASTORE = 3;
    /** libvirt, the domain or its disks. */
    static final int HYPERVISOR = 4;
    /** The remote could not be reached or refused. */
    static final int REMOTE = 5;
    static final int CANCELLED = 130;
}
