package io.holdfast.bridge.datastore;

import io.holdfast.bridge.remote.Remote;
import io.holdfast.bridge.remote.RemoteEntry;
import io.holdfast.bridge.remote.RemoteException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.holdfast.bridge.datastore.FormatV1.*;

/**
 * A datastore (format v1, see {@code docs/format.md}) on a {@link Remote}: chunks, snapshots, and the
 * rule that a snapshot exists only once its manifest is written.
 */
public final class Datastore {

    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Remote remote;
    private final DatastoreConfig config;
    private final ChunkCodec codec;
    /** Created by this object and not yet claimed by a backup: see {@link #claimNewlyCreated()}. */
    private final AtomicBoolean newlyCreated;

    private Datastore(Remote remote, DatastoreConfig config, DatastoreKey key, boolean createdHere) {
        this.remote = remote;
        this.config = config;
        this.codec = new ChunkCodec(key);
        this.newlyCreated = new AtomicBoolean(createdHere);
    }

    /** Creates a new datastore; {@code key} null = unencrypted. Refuses a folder that already holds one. */
    public static Datastore create(Remote remote, DatastoreKey key) {
        if (remote.stat(DATASTORE_FILE).isPresent()) {
            throw new DatastoreException(remote.describe() + " already holds a datastore");
        }
        DatastoreConfig config = new DatastoreConfig(FORMAT_NAME, VERSION, UUID.randomUUID().toString(), CHUNK_SIZE,
                key == null ? DIGEST_SHA256 : DIGEST_HMAC_SHA256, COMPRESSION_ZSTD,
                key == null ? ENCRYPTION_NONE : ENCRYPTION_AES_256_GCM, key == null ? null : key.fingerprint(), Instant.now());
        remote.put(DATASTORE_FILE, JSON.writeValueAsBytes(config));
        remote.sync();
        return new Datastore(remote, config, key, true);
    }

    /** Opens an existing datastore; the key must be the datastore's (or null for an unencrypted one). */
    public static Datastore open(Remote remote, DatastoreKey key) {
        byte[] bytes;
        try {
            bytes = remote.get(DATASTORE_FILE);
        } catch (RemoteException.NotFound e) {
            throw new DatastoreException("no datastore at " + remote.describe() + " (" + DATASTORE_FILE + " is missing)");
        }
        DatastoreConfig config;
        try {
            config = JSON.readValue(bytes, DatastoreConfig.class);
        } catch (JacksonException e) {
            throw new DatastoreException(DATASTORE_FILE + " at " + remote.describe() + " is corrupt: " + e.getOriginalMessage());
        }
        config.check();
        if (config.encrypted() && key == null) {
            throw new DatastoreException("the datastore at " + remote.describe() + " is encrypted: give its key (--key-file)");
        }
        if (!config.encrypted() && key != null) {
            throw new DatastoreException("the datastore at " + remote.describe() + " is not encrypted: do not give a key");
        }
        if (key != null && !key.fingerprint().equals(config.keyFingerprint())) {
            throw new DatastoreException("wrong key for the datastore at " + remote.describe() + ": its fingerprint is "
                    + key.fingerprint() + ", the datastore expects " + config.keyFingerprint());
        }
        return new Datastore(remote, config, key, false);
    }

    public static Datastore openOrCreate(Remote remote, DatastoreKey key) {
        return remote.stat(DATASTORE_FILE).isPresent() ? open(remote, key) : create(remote, key);
    }

    public DatastoreConfig config() {
        return config;
    }

    public Remote remote() {
        return remote;
    }

    public ChunkCodec codec() {
        return codec;
    }

    // ---- chunks

    /**
     * True once, for the first backup into a datastore this object has just created: it holds no chunk but
     * the ones that backup writes (and remembers), so the backup need not ask the remote whether each new
     * chunk exists — a round trip per chunk (a HEAD on S3) that could only answer "no". Every other backup,
     * a later one or one running beside it, asks.
     */
    public boolean claimNewlyCreated() {
        return newlyCreated.getAndSet(false);
    }

    /**
     * Whether the chunk is stored. A chunk found here is touched, so a garbage collection running now
     * (which spares chunks younger than its start) keeps it for the backup that is about to reference it.
     */
    public boolean hasChunk(Digest digest) {
        String path = chunkPath(digest.hex());
        if (remote.stat(path).isEmpty()) {
            return false;
        }
        try {
            remote.touch(path);
        } catch (RemoteException.NotFound raced) {
            return false;
        }
        return true;
    }

    /** Stores a blob under its digest. An existing blob is never rewritten. Returns the bytes written. */
    public long putChunk(Digest digest, byte[] blob) {
        return putChunk(digest, java.nio.ByteBuffer.wrap(blob));
    }

    /** Stores a blob given as a buffer's remaining bytes (direct buffers avoid a copy). */
    public long putChunk(Digest digest, java.nio.ByteBuffer blob) {
        int length = blob.remaining();
        remote.put(chunkPath(digest.hex()), blob);
        return length;
    }

    /**
     * The block with {@code digest}, read, decrypted, decompressed and checked once, through the worker's
     * {@code buffers}; valid until they are used again. {@link DatastoreException.CorruptChunk} when the
     * chunk is missing or bad.
     */
    public ByteBuffer readChunk(Digest digest, ChunkBuffers buffers) {
        return codec.decode(fetchBlob(digest, buffers), digest, buffers.block);
    }

    /** What a restore does with a decoded block, while it holds it. */
    @FunctionalInterface
    public interface BlockUse {
        void accept(ByteBuffer block) throws java.io.IOException;
    }

    /**
     * Fetches the chunk into the worker's blob buffer, then decodes it (checked against {@code digest}) into a
     * block of {@code blocks}, which {@code use} has until it returns. The fetch, the long part on a remote,
     * holds no block.
     */
    public void readChunk(Digest digest, ChunkBuffers buffers, BlockPool blocks, BlockUse use)
            throws java.io.IOException, InterruptedException {
        ByteBuffer blob = fetchBlob(digest, buffers);
        ByteBuffer block = blocks.take();
        try {
            use.accept(codec.decode(blob, digest, block));
        } finally {
            blocks.give(block);
        }
    }

    private ByteBuffer fetchBlob(Digest digest, ChunkBuffers buffers) {
        try {
            return remote.get(chunkPath(digest.hex()), buffers.blob);
        } catch (RemoteException.NotFound e) {
            throw DatastoreException.CorruptChunk.missing(digest.hex());
        } catch (RemoteException.TooLarge e) {
            throw new DatastoreException.CorruptChunk(digest.hex(), "chunk " + digest.hex() + " is corrupt (larger than any chunk)");
        }
    }

    /**
     * The blob stored under {@code digest}, as stored (still compressed and encrypted), after checking that it
     * decodes to a block with that digest: what a mirror copies to a datastore with the same key. Valid until
     * {@code buffers} are used again. {@link DatastoreException.CorruptChunk} when missing or bad.
     */
    public ByteBuffer readCheckedBlob(Digest digest, ChunkBuffers buffers) {
        ByteBuffer blob = fetchBlob(digest, buffers);
        codec.decode(blob, digest, buffers.block);
        return blob;
    }

    /**
     * Moves a chunk found corrupt out of the way, to {@code <digest>.bad} beside it (kept for inspection; gc
     * never counts it as a chunk): the chunk is then missing, so the next backup or mirror that has the block
     * stores it again, as Proxmox Backup Server does with the chunks its verify finds bad.
     */
    public void quarantineChunk(String hex) {
        String path = chunkPath(hex);
        try {
            remote.put(path + QUARANTINE_SUFFIX, remote.get(path));
            remote.delete(path);
        } catch (RemoteException.NotFound alreadyGone) {
            // nothing to move: a missing chunk is already what the next backup or mirror repairs
        }
    }

    /** Every stored chunk with its size and time, for garbage collection. */
    public List<RemoteEntry> listChunks() {
        List<RemoteEntry> all = new ArrayList<>();
        for (RemoteEntry prefix : remote.list(CHUNKS_DIR)) {
            if (prefix.folder()) {
                all.addAll(remote.list(CHUNKS_DIR + "/" + prefix.name()).stream().filter(e -> !e.folder()).toList());
            }
        }
        return all;
    }

    public void deleteChunk(String hex) {
        remote.delete(chunkPath(hex));
    }

    // ---- snapshots

    /** Committed snapshots (those with a manifest), oldest first. */
    public List<SnapshotId> snapshots() {
        List<SnapshotId> ids = new ArrayList<>();
        for (RemoteEntry instance : remote.list(SNAPSHOTS_DIR)) {
            if (instance.folder()) {
                ids.addAll(snapshots(instance.name()));
            }
        }
        return ids;
    }

    public List<SnapshotId> snapshots(String instanceUuid) {
        List<SnapshotId> ids = new ArrayList<>();
        for (RemoteEntry time : remote.list(SNAPSHOTS_DIR + "/" + instanceUuid)) {
            SnapshotId id;
            try {
                id = new SnapshotId(instanceUuid, time.name());
            } catch (IllegalArgumentException notOurs) {
                continue;
            }
            if (time.folder() && remote.stat(id.folder() + "/" + MANIFEST_FILE).isPresent()) {
                ids.add(id);
            }
        }
        ids.sort(null);
        return ids;
    }

    /** Snapshot folders without a manifest: backups that failed, or are running now. */
    public List<SnapshotId> uncommitted() {
        List<SnapshotId> ids = new ArrayList<>();
        for (RemoteEntry instance : remote.list(SNAPSHOTS_DIR)) {
            for (RemoteEntry time : remote.list(SNAPSHOTS_DIR + "/" + instance.name())) {
                try {
                    SnapshotId id = new SnapshotId(instance.name(), time.name());
                    if (remote.stat(id.folder() + "/" + MANIFEST_FILE).isEmpty()) {
                        ids.add(id);
                    }
                } catch (IllegalArgumentException notOurs) {
                    // not a snapshot folder
                }
            }
        }
        return ids;
    }

    public Optional<Manifest> findManifest(SnapshotId id) {
        byte[] bytes;
        try {
            bytes = remote.get(id.folder() + "/" + MANIFEST_FILE);
        } catch (RemoteException.NotFound e) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(bytes, Manifest.class));
        } catch (JacksonException e) {
            throw new DatastoreException("the manifest of snapshot " + id + " is corrupt: " + e.getOriginalMessage());
        }
    }

    public Manifest manifest(SnapshotId id) {
        return findManifest(id).orElseThrow(() -> new DatastoreException("no snapshot " + id + " in " + remote.describe()));
    }

    /** A disk's index, checked against the SHA-256 the manifest recorded. */
    public FixedIndex index(Manifest manifest, Manifest.DiskEntry disk) {
        String path = manifest.id().folder() + "/" + disk.index();
        byte[] bytes;
        try {
            bytes = remote.get(path);
        } catch (RemoteException.NotFound e) {
            throw new DatastoreException("index " + disk.index() + " of snapshot " + manifest.snapshot() + " is missing");
        }
        if (!sha256(bytes).equals(disk.indexSha256())) {
            throw new DatastoreException("index " + disk.index() + " of snapshot " + manifest.snapshot() + " is corrupt (checksum mismatch)");
        }
        return FixedIndex.parse(bytes, disk.index());
    }

    /** Writes a disk's index into an uncommitted snapshot; returns its SHA-256 for the manifest. */
    public String writeIndex(SnapshotId id, String diskName, FixedIndex index) {
        byte[] bytes = index.toBytes();
        remote.put(id.folder() + "/" + diskName + INDEX_SUFFIX, bytes);
        return sha256(bytes);
    }

    /** Commits a snapshot: the manifest is written last, after every index and chunk. */
    public void commit(Manifest manifest) {
        remote.sync();
        remote.put(manifest.id().folder() + "/" + MANIFEST_FILE, JSON.writeValueAsBytes(manifest));
        remote.sync();
    }

    /** Removes a snapshot: first its manifest (so it is gone at once), then the rest. Chunks stay for gc. */
    public void deleteSnapshot(SnapshotId id) {
        remote.delete(id.folder() + "/" + MANIFEST_FILE);
        remote.deleteTree(id.folder());
    }

    /** Removes what a failed backup left of its snapshot folder. */
    public void abandon(SnapshotId id) {
        if (remote.stat(id.folder() + "/" + MANIFEST_FILE).isPresent()) {
            throw new IllegalStateException("snapshot " + id + " is committed");
        }
        remote.deleteTree(id.folder());
    }

    // ---- running backups (for gc)

    public void markRunning(String jobId, Instant since) {
        remote.put(RUNNING_DIR + "/" + jobId, since.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    public boolean isMarkedRunning(String jobId) {
        return remote.stat(RUNNING_DIR + "/" + jobId).isPresent();
    }

    public void clearRunning(String jobId) {
        remote.delete(RUNNING_DIR + "/" + jobId);
    }

    /** The start of the oldest backup still running, if any. */
    public Optional<Instant> oldestRunning() {
        return remote.list(RUNNING_DIR).stream().map(e -> {
            try {
                return Instant.parse(new String(remote.get(RUNNING_DIR + "/" + e.name()), java.nio.charset.StandardCharsets.US_ASCII).strip());
            } catch (RuntimeException unreadable) {
                return e.modified();
            }
        }).min(Instant::compareTo);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
