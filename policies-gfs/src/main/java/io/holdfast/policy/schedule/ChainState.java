package io.holdfast.policy.schedule;

/**
 * An instance's backup chain in one storage, as the planner needs it.
 *
 * @param hasChain               an earlier backup exists an incremental can build on
 * @param incrementalsSinceFull  incrementals since the last full read
 * @param bitmapUsable           the hypervisor still has the checkpoint the last backup made
 */
public record ChainState(boolean hasChain, int incrementalsSinceFull, boolean bitmapUsable) {
}
