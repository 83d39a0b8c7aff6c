package io.holdfast.bridge.datastore;

import java.time.Instant;
import java.util.List;

/**
 * {@code manifest.json}, written last: its presence commits the snapshot.
 *
 * @param checkpoint     the libvirt checkpoint this backup created (the base for the next incremental), or null
 * @param baseCheckpoint the checkpoint whose dirty bitmap this backup read, or null for a full read
 * @param notes          what the task log should say, e.g. why everything was read
 */
public record Manifest(int formatVersion, String snapshot, String instanceUuid, String instanceName, String tenant,
                       Instant startedAt, Instant completedAt, String type, String parent, String checkpoint,
                       String baseCheckpoint, String domainXml, List<DiskEntry> disks, List<String> notes) {

    public static final String FULL = "full";
    public static final String INCREMENTAL = "incremental";

    public Manifest {
        disks = List.copyOf(disks);
        notes = List.copyOf(notes);
    }

    /**
     * One disk: its index file and what the backup did.
     *
     * @param readChunks   blocks read from the VM
     * @param zeroChunks   blocks that read as zeroes (most never read at all)
     * @param reusedChunks blocks the dirty bitmap showed unchanged: their digest came from the parent
     * @param newChunks    blobs this backup added to the datastore
     */
    public record DiskEntry(String name, String sourcePath, String format, long sizeBytes, String index,
                            String indexSha256, int chunks, int zeroChunks, int readChunks, int reusedChunks,
                            int newChunks, long bytesRead, long newBytesStored) {
    }

    public SnapshotId id() {
        return SnapshotId.parse(snapshot);
    }
}
