package io.holdfast.backup.policy;

import io.holdfast.policy.retention.RetentionRules;
import io.holdfast.policy.schedule.Schedule;

/**
 * A backup policy.
 *
 * @param storageId       where its backups go; null: each hypervisor's default storage
 * @param maxIncrementals incrementals in a row before the next backup reads everything
 * @param concurrency     jobs of this policy at once, across nodes
 * @param offered         tenants may choose it for their instances
 * @param autoEnrol       new instances follow it from the first time the scheduler sees them
 * @param verifyAfterDays snapshots not verified for this many days are verified again; null: never
 */
public record Policy(long id, String name, Schedule schedule, RetentionRules retention, int maxIncrementals, Long storageId,
                     boolean allDisks, int concurrency, boolean offered, boolean autoEnrol, Integer verifyAfterDays) {
}
