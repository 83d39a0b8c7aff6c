package io.holdfast.backup.job;

/** A job's id, its instances, its state, and everything a live view shows of it folded into one string to compare. */
record JobPulse(long id, Long instanceId, Long targetInstanceId, String state, String shown) {

    boolean touches(long instance) {
        return instanceId != null && instanceId == instance || targetInstanceId != null && targetInstanceId == instance;
    }
}
