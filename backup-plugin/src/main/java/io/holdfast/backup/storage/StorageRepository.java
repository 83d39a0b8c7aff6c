package io.holdfast.backup.storage;

import io.holdfast.backup.secret.MasterKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The storage tables. Secrets and datastore keys are sealed here, opened only when a job or Test needs them. */
final class StorageRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A stored row with its secrets still sealed. */
    record Row(long id, String name, StorageKind kind, boolean enabled, StorageSettings settings, byte[] sealedSecrets,
               boolean encrypted, byte[] sealedKey, String keyFingerprint, Integer bandwidthMBps, int parallelJobs) {
    }

    private final JdbcClient jdbc;
    private final MasterKey masterKey;

    StorageRepository(JdbcClient jdbc, MasterKey masterKey) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
    }

    List<Row> all() {
        return jdbc.sql("SELECT * FROM backup_storage ORDER BY name").query(StorageRepository::row).list();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("SELECT * FROM backup_storage WHERE id = ?").param(id).query(StorageRepository::row).optional();
    }

    boolean nameTaken(String name, long exceptId) {
        return jdbc.sql("SELECT COUNT(*) FROM backup_storage WHERE name = ? AND id <> ?").params(name, exceptId)
                .query(Long.class).single() > 0;
    }

    long insert(StorageForm form, StorageSecrets secrets, String datastoreKey, String keyFingerprint) {
        org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("INSERT INTO backup_storage (name, kind, enabled, settings, encrypted, key_fingerprint, bandwidth_mbps, parallel_jobs) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(form.name(), form.settings().kind().name(), form.enabled(), JSON.writeValueAsString(form.settings()),
                        form.encrypted(), keyFingerprint, form.bandwidthMBps(), form.parallelJobs())
                .update(keys, "id");
        long id = keys.getKey().longValue();
        writeSecrets(id, secrets);
        if (datastoreKey != null) {
            jdbc.sql("UPDATE backup_storage SET datastore_key = ? WHERE id = ?")
                    .params(masterKey.seal(datastoreKey, keyPlace(id)), id).update();
        }
        return id;
    }

    void update(long id, StorageForm form, StorageSecrets secrets) {
        jdbc.sql("UPDATE backup_storage SET name = ?, kind = ?, enabled = ?, settings = ?, bandwidth_mbps = ?, parallel_jobs = ?, "
                        + "updated_at = CURRENT_TIMESTAMP(6) WHERE id = ?")
                .params(form.name(), form.settings().kind().name(), form.enabled(), JSON.writeValueAsString(form.settings()),
                        form.bandwidthMBps(), form.parallelJobs(), id)
                .update();
        writeSecrets(id, secrets);
    }

    void setEnabled(long id, boolean enabled) {
        jdbc.sql("UPDATE backup_storage SET enabled = ?, updated_at = CURRENT_TIMESTAMP(6) WHERE id = ?").params(enabled, id).update();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM backup_storage WHERE id = ?").param(id).update();
    }

    /** Mirrors that copy from or to the storage (the mirror feature's table; its foreign keys point here). */
    List<String> mirrorsUsing(long id) {
        return jdbc.sql("SELECT name FROM backup_mirror WHERE source_storage_id = ? OR destination_storage_id = ? ORDER BY name")
                .params(id, id).query(String.class).list();
    }

    long snapshotCount(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM backup_snapshot WHERE storage_id = ?").param(id).query(Long.class).single();
    }

    StorageSecrets secrets(Row row) {
        if (row.sealedSecrets() == null) {
            return StorageSecrets.NONE;
        }
        return JSON.readValue(masterKey.open(row.sealedSecrets(), secretsPlace(row.id())), StorageSecrets.class);
    }

    String datastoreKey(Row row) {
        return row.sealedKey() == null ? null : masterKey.open(row.sealedKey(), keyPlace(row.id()));
    }

    // ---- hypervisor assignments

    /** Storage id → whether it is the default, for one hypervisor. */
    Map<Long, Boolean> assignments(long hypervisorId) {
        Map<Long, Boolean> result = new java.util.LinkedHashMap<>();
        jdbc.sql("SELECT storage_id, is_default FROM backup_storage_hypervisor WHERE hypervisor_id = ? ORDER BY storage_id")
                .param(hypervisorId).query((rs, n) -> result.put(rs.getLong(1), rs.getBoolean(2))).list();
        return result;
    }

    List<long[]> hypervisorsOf(long storageId) {
        return jdbc.sql("SELECT hypervisor_id, is_default FROM backup_storage_hypervisor WHERE storage_id = ?").param(storageId)
                .query((rs, n) -> new long[]{rs.getLong(1), rs.getBoolean(2) ? 1 : 0}).list();
    }

    void replaceAssignments(long hypervisorId, List<Long> storageIds, Long defaultId) {
        jdbc.sql("DELETE FROM backup_storage_hypervisor WHERE hypervisor_id = ?").param(hypervisorId).update();
        for (Long storageId : new ArrayList<>(storageIds)) {
            jdbc.sql("INSERT INTO backup_storage_hypervisor (storage_id, hypervisor_id, is_default) VALUES (?, ?, ?)")
                    .params(storageId, hypervisorId, storageId.equals(defaultId)).update();
        }
    }

    private void writeSecrets(long id, StorageSecrets secrets) {
        jdbc.sql("UPDATE backup_storage SET secrets = ? WHERE id = ?")
                .params(masterKey.seal(JSON.writeValueAsString(secrets), secretsPlace(id)), id).update();
    }

    private static String secretsPlace(long id) {
        return "backup_storage/" + id + "/secrets";
    }

    private static String keyPlace(long id) {
        return "backup_storage/" + id + "/datastore_key";
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Integer bandwidth = rs.getObject("bandwidth_mbps", Integer.class);
        return new Row(rs.getLong("id"), rs.getString("name"), StorageKind.valueOf(rs.getString("kind")), rs.getBoolean("enabled"),
                JSON.readValue(rs.getString("settings"), StorageSettings.class), rs.getBytes("secrets"), rs.getBoolean("encrypted"),
                rs.getBytes("datastore_key"), rs.getString("key_fingerprint"), bandwidth,
                rs.getInt("parallel_jobs"));
    }
}
