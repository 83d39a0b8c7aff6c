package io.holdfast.policy.schedule;

/** What the schedule asks for at a slot; the planner may still turn an incremental into a full read. */
public enum SlotKind {
    FULL, INCREMENTAL
}
