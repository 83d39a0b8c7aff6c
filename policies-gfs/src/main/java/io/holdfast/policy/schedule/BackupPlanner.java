package io.holdfast.policy.schedule;

/** Full read or incremental for a slot: from the schedule, the chain, and the policy's limit on incrementals. */
public final class BackupPlanner {

    private BackupPlanner() {
    }

    /** @param maxIncrementals incrementals allowed in a row before a full read (0: every backup reads all) */
    public static Plan plan(SlotKind slot, ChainState chain, int maxIncrementals) {
        if (slot == SlotKind.FULL) {
            return new Plan(true, "full read: the schedule's full read");
        }
        if (!chain.hasChain()) {
            return new Plan(true, "full read: no earlier backup in this storage");
        }
        if (chain.incrementalsSinceFull() >= maxIncrementals) {
            return new Plan(true, "full read: " + chain.incrementalsSinceFull() + " incrementals since the last full read (at most "
                    + maxIncrementals + ")");
        }
        if (!chain.bitmapUsable()) {
            return new Plan(true, "full read: no usable bitmap (the last backup's checkpoint is gone)");
        }
        return new Plan(false, "incremental " + (chain.incrementalsSinceFull() + 1) + " of at most " + maxIncrementals
                + " since the last full read");
    }
}
