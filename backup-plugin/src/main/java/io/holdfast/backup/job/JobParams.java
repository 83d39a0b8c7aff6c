package io.holdfast.backup.job;

/**
 * A job's parameters, kept as JSON in its row.
 *
 * @param fullRead         backup: read every allocated block
 * @param allDisks         backup: every disk; false = the primary disk only
 * @param restoreTarget    restore: IN_PLACE, NEW_INSTANCE or OTHER_INSTANCE
 * @param targetInstanceId restore into another instance: its id
 * @param newName          restore to a new instance: its name
 * @param step             a sequence's step: its place (0-based) in the sequence
 */
public record JobParams(boolean fullRead, boolean allDisks, String restoreTarget, Long targetInstanceId, String newName,
                        Integer step) {

    public static JobParams backup(boolean fullRead, boolean allDisks) {
        return new JobParams(fullRead, allDisks, null, null, null, null);
    }

    static JobParams restore(String target, Long targetInstanceId, String newName) {
        return new JobParams(false, false, target, targetInstanceId, newName, null);
    }

    public static JobParams none() {
        return new JobParams(false, false, null, null, null, null);
    }

    /** A sequence's step; {@code fullRead} only for a backup step that must read everything. */
    public static JobParams step(int index, boolean fullRead, boolean allDisks) {
        return new JobParams(fullRead, allDisks, null, null, null, index);
    }
}
