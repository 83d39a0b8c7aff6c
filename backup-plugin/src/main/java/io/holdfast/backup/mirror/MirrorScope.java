package io.holdfast.backup.mirror;

/** Which instances' snapshots a mirror copies. */
public enum MirrorScope {
    ALL, TENANT, POLICY
}
