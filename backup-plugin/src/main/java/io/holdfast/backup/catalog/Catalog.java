package io.holdfast.backup.catalog;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every snapshot in MariaDB: what the backup read and stored, when, where, and whether it is protected or
 * verified. Rows are written only after the datastore committed the snapshot, and removed when it is
 * deleted there. Callers check tenancy before they ask (see the job feature's BackupService).
 */
public final class Catalog {

    private final JdbcClient jdbc;

    public Catalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A committed snapshot. */
    public record NewSnapshot(long storageId, long instanceId, Long tenantId, String instanceUuid, String snapshot,
                              boolean incremental, List<String> disks, long diskBytes, long bytesRead, long bytesStored,
                              Duration duration, Instant createdAt, String notes, long jobId, boolean manual) {
    }

    public long record(NewSnapshot s) {
        // the snapshot is already in the datastore: a lost lock conflict must not leave it out of the catalog
        return io.holdfast.backup.database.LockRetry.call(() -> insert(s));
    }

    private long insert(NewSnapshot s) {
        org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("INSERT INTO backup_snapshot (storage_id, instance_id, tenant_id, instance_uuid, snapshot_name, kind, disks, "
                        + "disk_bytes, bytes_read, bytes_stored, duration_ms, created_at, notes, job_id, manual) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(s.storageId(), s.instanceId(), s.tenantId(), s.instanceUuid(), s.snapshot(),
                        s.incremental() ? "INCREMENTAL" : "FULL", String.join(",", s.disks()), s.diskBytes(), s.bytesRead(),
                        s.bytesStored(), s.duration().toMillis(), Timestamp.from(s.createdAt()), s.notes(), s.jobId(), s.manual())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** An instance's snapshots, newest first. */
    public List<SnapshotEntry> forInstance(long instanceId) {
        return jdbc.sql("SELECT * FROM backup_snapshot WHERE instance_id = ? ORDER BY created_at DESC, id DESC")
                .param(instanceId).query(Catalog::entry).list();
    }

    /** One page of an instance's snapshots, newest first (an index walk: as fast for the 100,000th as the first). */
    public List<SnapshotEntry> page(long instanceId, int offset, int limit) {
        // a deferred join: the offset is walked in the (instance_id, created_at, id) index alone, and only the
        // page's rows are read whole (a plain OFFSET read every skipped row: 180 ms at the 100,000th)
        return jdbc.sql("SELECT s.* FROM backup_snapshot s JOIN (SELECT id FROM backup_snapshot WHERE instance_id = ? "
                        + "ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?) page ON page.id = s.id ORDER BY s.created_at DESC, s.id DESC")
                .params(instanceId, limit, offset).query(Catalog::entry).list();
    }

    /** How many snapshots an instance has (an index range count). */
    public long count(long instanceId) {
        return jdbc.sql("SELECT COUNT(*) FROM backup_snapshot WHERE instance_id = ?").param(instanceId).query(Long.class).single();
    }

    /** An instance's newest {@code limit} snapshots, newest first. */
    public List<SnapshotEntry> latest(long instanceId, int limit) {
        return page(instanceId, 0, limit);
    }

    /** Stored bytes (new data of live snapshots) and snapshot count, per storage or per tenant. */
    public record Usage(Long key, long snapshots, long bytesStored) {
    }

    public List<Usage> usageByStorage() {
        return jdbc.sql("SELECT storage_id, COUNT(*), SUM(bytes_stored) FROM backup_snapshot GROUP BY storage_id ORDER BY 3 DESC")
                .query((rs, n) -> new Usage(rs.getLong(1), rs.getLong(2), rs.getLong(3))).list();
    }

    /** Per tenant; the key is null for instances no tenant owns. */
    public List<Usage> usageByTenant() {
        return jdbc.sql("SELECT tenant_id, COUNT(*), SUM(bytes_stored) FROM backup_snapshot GROUP BY tenant_id ORDER BY 3 DESC")
                .query((rs, n) -> new Usage(rs.getObject(1, Long.class), rs.getLong(2), rs.getLong(3))).list();
    }

    /** The time of each instance's newest snapshot. */
    public java.util.Map<Long, Instant> lastBackupPerInstance() {
        java.util.Map<Long, Instant> last = new java.util.HashMap<>();
        jdbc.sql("SELECT instance_id, MAX(created_at) FROM backup_snapshot GROUP BY instance_id")
                .query((rs, n) -> last.put(rs.getLong(1), rs.getTimestamp(2).toInstant())).list();
        return last;
    }

    public Optional<SnapshotEntry> find(long id) {
        return jdbc.sql("SELECT * FROM backup_snapshot WHERE id = ?").param(id).query(Catalog::entry).optional();
    }

    public void setProtected(long id, boolean value) {
        jdbc.sql("UPDATE backup_snapshot SET protected = ? WHERE id = ?").params(value, id).update();
    }

    public void verified(long id, boolean ok) {
        jdbc.sql("UPDATE backup_snapshot SET verify_state = ?, verified_at = CURRENT_TIMESTAMP(6) WHERE id = ?")
                .params(ok ? "OK" : "DAMAGED", id).update();
    }

    public void remove(long id) {
        jdbc.sql("DELETE FROM backup_snapshot WHERE id = ?").param(id).update();
    }

    /** Every snapshot of an instance in one storage, newest first (what retention decides over). */
    public List<SnapshotEntry> inStorage(long instanceId, long storageId) {
        return jdbc.sql("SELECT * FROM backup_snapshot WHERE instance_id = ? AND storage_id = ? ORDER BY created_at DESC, id DESC")
                .params(instanceId, storageId).query(Catalog::entry).list();
    }

    /** Every snapshot in a storage, oldest first (a storage-wide verify marks each; a mirror chooses from them). */
    public List<SnapshotEntry> ofStorage(long storageId) {
        return jdbc.sql("SELECT * FROM backup_snapshot WHERE storage_id = ? ORDER BY instance_id, created_at, id")
                .param(storageId).query(Catalog::entry).list();
    }

    /** The snapshot with this datastore id in a storage. */
    public Optional<SnapshotEntry> byName(long storageId, String snapshot) {
        return jdbc.sql("SELECT * FROM backup_snapshot WHERE storage_id = ? AND snapshot_name = ?").params(storageId, snapshot)
                .query(Catalog::entry).optional();
    }

    /** A copy a mirror committed at another storage: the source row's figures, with what the copy added there. */
    public long recordCopy(SnapshotEntry source, long storageId, long bytesStored, long jobId) {
        org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("INSERT INTO backup_snapshot (storage_id, instance_id, tenant_id, instance_uuid, snapshot_name, kind, disks, "
                        + "disk_bytes, bytes_read, bytes_stored, duration_ms, created_at, notes, job_id, manual, copy_of) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(storageId, source.instanceId(), source.tenantId(), source.instanceUuid(), source.snapshot(),
                        source.incremental() ? "INCREMENTAL" : "FULL", String.join(",", source.disks()), source.diskBytes(),
                        source.bytesRead(), bytesStored, source.duration().toMillis(), Timestamp.from(source.createdAt()),
                        source.notes(), jobId, source.manual(), source.id())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** A damaged copy a mirror repaired: unverified again, until the next verify says. */
    public void repaired(long id) {
        jdbc.sql("UPDATE backup_snapshot SET verify_state = 'UNVERIFIED', verified_at = NULL WHERE id = ?").param(id).update();
    }

    /** For each of an instance's snapshot ids, the storages holding a copy of it (the catalog knows every copy). */
    public java.util.Map<String, List<Long>> copies(long instanceId, java.util.Collection<String> snapshots) {
        java.util.Map<String, List<Long>> where = new java.util.HashMap<>();
        if (snapshots.isEmpty()) {
            return where;
        }
        String marks = String.join(",", java.util.Collections.nCopies(snapshots.size(), "?"));
        List<Object> params = new java.util.ArrayList<>();
        params.add(instanceId);
        params.addAll(snapshots);
        jdbc.sql("SELECT snapshot_name, storage_id FROM backup_snapshot WHERE instance_id = ? AND snapshot_name IN (" + marks + ")")
                .params(params).query((rs, n) -> where.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>())
                        .add(rs.getLong(2))).list();
        return where;
    }

    /** Snapshots of a storage not verified since {@code before}, oldest verification first. */
    public List<SnapshotEntry> unverifiedSince(Instant before, int limit) {
        return jdbc.sql("SELECT * FROM backup_snapshot WHERE verified_at IS NULL AND created_at < ? OR verified_at < ? "
                        + "ORDER BY verified_at, created_at LIMIT ?")
                .params(Timestamp.from(before), Timestamp.from(before), limit).query(Catalog::entry).list();
    }

    /**
     * Incrementals in a row since the newest full read of the instance in this storage (looking at most
     * {@code limit} back), or -1 when it has no snapshot there.
     */
    public int incrementalsSinceFull(long instanceId, long storageId, int limit) {
        List<String> kinds = jdbc.sql("SELECT kind FROM backup_snapshot WHERE instance_id = ? AND storage_id = ? "
                + "ORDER BY created_at DESC, id DESC LIMIT ?").params(instanceId, storageId, limit).query(String.class).list();
        if (kinds.isEmpty()) {
            return -1;
        }
        int n = 0;
        while (n < kinds.size() && "INCREMENTAL".equals(kinds.get(n))) {
            n++;
        }
        return n;
    }

    /** Whether the instance has a snapshot in this storage an incremental could build on. */
    public boolean hasChain(long instanceId, long storageId) {
        return jdbc.sql("SELECT COUNT(*) FROM backup_snapshot WHERE instance_id = ? AND storage_id = ?")
                .params(instanceId, storageId).query(Long.class).single() > 0;
    }

    private static SnapshotEntry entry(ResultSet rs, int n) throws SQLException {
        Timestamp verified = rs.getTimestamp("verified_at");
        long tenant = rs.getLong("tenant_id");
        Long tenantId = rs.wasNull() ? null : tenant;
        String disks = rs.getString("disks");
        return new SnapshotEntry(rs.getLong("id"), rs.getLong("storage_id"), rs.getLong("instance_id"), tenantId,
                rs.getString("instance_uuid"), rs.getString("snapshot_name"), "INCREMENTAL".equals(rs.getString("kind")),
                disks.isEmpty() ? List.of() : Arrays.asList(disks.split(",")), rs.getLong("disk_bytes"), rs.getLong("bytes_read"),
                rs.getLong("bytes_stored"), Duration.ofMillis(rs.getLong("duration_ms")), rs.getTimestamp("created_at").toInstant(),
                rs.getBoolean("protected"), rs.getString("verify_state"), verified == null ? null : verified.toInstant(),
                rs.getString("notes"), rs.getBoolean("manual"), rs.getObject("copy_of", Long.class));
    }
}
