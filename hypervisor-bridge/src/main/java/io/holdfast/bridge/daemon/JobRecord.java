package io.holdfast.bridge.daemon;

import java.time.Instant;
import java.util.List;

/**
 * What the daemon keeps on disk of a job ({@code <state>/jobs/<id>.json}, mode 0600): enough to clean up after
 * a crash and to answer for the job after a restart — never the storage's configuration, keys or passwords.
 *
 * @param domainUuid         the instance whose libvirt state the job changes, or null
 * @param jobRef             the master's reference, naming the job's folder under the work folder
 * @param checkpointsBefore  the domain's Holdfast checkpoints when the job began (a backup's new one is any other)
 * @param writing            files the job was creating (a new instance's images)
 * @param result             the result as JSON when it succeeded (sizes and ids only)
 */
record JobRecord(String id, Protocol.Kind kind, Protocol.State state, Instant startedAt, Instant finishedAt, String domainUuid,
                 String jobRef, List<String> checkpointsBefore, List<String> writing, String error, boolean interrupted,
                 tools.jackson.databind.JsonNode result) {

    JobRecord {
        checkpointsBefore = checkpointsBefore == null ? List.of() : List.copyOf(checkpointsBefore);
        writing = writing == null ? List.of() : List.copyOf(writing);
    }

    JobRecord finished(Protocol.State state, String error, boolean interrupted, tools.jackson.databind.JsonNode result) {
        return new JobRecord(id, kind, state, startedAt, Instant.now(), domainUuid, jobRef, checkpointsBefore, writing, error,
                interrupted, result);
    }

    JobRecord writing(String file) {
        List<String> more = new java.util.ArrayList<>(writing);
        more.add(file);
        return new JobRecord(id, kind, state, startedAt, finishedAt, domainUuid, jobRef, checkpointsBefore, more, error,
                interrupted, result);
    }
}
