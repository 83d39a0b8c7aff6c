package io.holdfast.backup.job;

/** Which jobs the admin's Jobs page shows; a null field does not filter. */
public record JobFilter(JobState state, JobKind kind, Long instanceId, Long tenantId, Long hypervisorId, Long storageId) {

    public static JobFilter all() {
        return new JobFilter(null, null, null, null, null, null);
    }
}
