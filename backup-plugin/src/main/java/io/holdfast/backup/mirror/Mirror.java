package io.holdfast.backup.mirror;

import io.holdfast.policy.retention.RetentionRules;
import io.holdfast.policy.schedule.Schedule;

/**
 * A mirror job: which snapshots of a source storage are copied to a destination storage, when, and how
 * long the copies are kept there.
 *
 * @param lastPerInstance the newest N snapshots of each instance; null: all of them
 * @param scopeId         the tenant or the policy, for those scopes; null for {@link MirrorScope#ALL}
 * @param schedule        when it runs by itself (a daily or weekly time; incrementals and window unused); null:
 *                        only when run by hand or as a sequence's step
 * @param retention       what the destination keeps of each instance's copies; null: every copy
 * @param bandwidthBytesPerSecond a cap on the data written to the destination; 0: none beyond the storage's own
 */
public record Mirror(long id, String name, long sourceStorageId, long destinationStorageId, Integer lastPerInstance,
                     MirrorScope scope, Long scopeId, Schedule schedule, RetentionRules retention, long bandwidthBytesPerSecond) {

    /** "last 3 per instance of tenant #4" in a few words, for lists and task logs. */
    public String describeSelection() {
        String which = lastPerInstance == null ? "every snapshot" : "the last " + lastPerInstance + " per instance";
        return which + switch (scope) {
            case ALL -> " of every instance";
            case TENANT -> " of tenant #" + scopeId + "'s instances";
            case POLICY -> " of the instances following policy #" + scopeId;
        };
    }
}
