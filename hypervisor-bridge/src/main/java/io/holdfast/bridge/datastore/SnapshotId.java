package io.holdfast.bridge.datastore;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A snapshot's identity: the instance's domain UUID and the backup's start time, e.g.
 * {@code 0b6f.../2026-11-21T23-55-01.123Z}; it is also the snapshot's folder under {@code snapshots/}.
 */
public record SnapshotId(String instanceUuid, String time) implements Comparable<SnapshotId> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern TIME_PATTERN = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}\\.\\d{3}Z");

    public SnapshotId {
        UUID.fromString(instanceUuid);
        if (!TIME_PATTERN.matcher(time).matches()) {
            throw new IllegalArgumentException("invalid snapshot time '" + time + "'");
        }
    }

    public static SnapshotId of(String instanceUuid, Instant at) {
        return new SnapshotId(instanceUuid, TIME.format(at));
    }

    public static SnapshotId parse(String text) {
        String[] parts = text.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("a snapshot id is INSTANCE-UUID/TIME, not '" + text + "'");
        }
        return new SnapshotId(parts[0], parts[1]);
    }

    /** When the backup started. */
    public Instant startedAt() {
        return Instant.from(TIME.parse(time));
    }

    public String folder() {
        return FormatV1.SNAPSHOTS_DIR + "/" + instanceUuid + "/" + time;
    }

    @Override
    public int compareTo(SnapshotId o) {
        int c = instanceUuid.compareTo(o.instanceUuid);
        return c != 0 ? c : time.compareTo(o.time);
    }

    @Override
    public String toString() {
        return instanceUuid + "/" + time;
    }
}
