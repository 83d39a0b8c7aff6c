package io.holdfast.backup.storage;

import io.holdfast.bridge.agent.Bridge;
import io.holdfast.bridge.agent.ProbeReport;
import io.holdfast.bridge.agent.StorageAccess;
import io.holdfast.bridge.datastore.DatastoreKey;
import io.holdfast.bridge.remote.ConfigException;
import io.holdfast.bridge.remote.RemoteConfig;
import io.holdfast.plugin.api.inventory.HypervisorRef;
import io.holdfast.plugin.api.tenancy.CurrentUser;
import io.holdfast.plugin.api.tenancy.UserRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.regex.Pattern;

/**
 * Backup storages: where backups go. Every method that changes or tests a storage is for admins only;
 * secrets are write-only (sealed in the database, never returned); validation names the form's field and
 * changes nothing. Jobs reach a storage's secrets through {@link #accessForJob}, never through the UI.
 */
public final class StorageService {

    private static final Logger log = LoggerFactory.getLogger(StorageService.class);
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,99}");

    private final StorageRepository repository;
    private final TransactionTemplate tx;
    private final CurrentUser currentUser;
    private final LongFunction<Optional<HypervisorRef>> hypervisors;
    private final Bridge probeBridge;

    public StorageService(JdbcClient jdbc, TransactionTemplate tx, io.holdfast.backup.secret.MasterKey masterKey,
                          CurrentUser currentUser, LongFunction<Optional<HypervisorRef>> hypervisors, Bridge probeBridge) {
        this.repository = new StorageRepository(jdbc, masterKey);
        this.tx = tx;
        this.currentUser = currentUser;
        this.hypervisors = hypervisors;
        this.probeBridge = probeBridge;
    }

    public List<StorageSummary> list() {
        requireAdmin();
        return repository.all().stream().map(this::summary).toList();
    }

    public StorageSummary get(long id) {
        requireAdmin();
        return summary(row(id));
    }

    /** Adds a storage. An encrypted one gets a new datastore key, returned once for the admin to keep. */
    public CreatedStorage create(StorageForm form) {
        UserRef admin = requireAdmin();
        StorageForm checked = check(form, StorageSecrets.NONE, 0);
        String key = checked.encrypted() ? DatastoreKey.newKeyText() : null;
        String fingerprint = key == null ? null : DatastoreKey.fromText(key).fingerprint();
        long id = Objects.requireNonNull(tx.execute(s -> repository.insert(checked, checked.secrets(), key, fingerprint)));
        log.info("Backup storage '{}' ({}, {}) added by {}", checked.name(), checked.settings().kind(), checked.settings().where(),
                admin.username());
        return new CreatedStorage(id, key, fingerprint);
    }

    /** Changes a storage; secrets left blank keep their saved values. Encryption cannot change once created. */
    public void update(long id, StorageForm form) {
        UserRef admin = requireAdmin();
        StorageRepository.Row row = row(id);
        if (form.encrypted() != row.encrypted()) {
            throw new StorageException(List.of(new ConfigException.FieldError("encrypted",
                    "cannot change once the storage exists (its datastore is " + (row.encrypted() ? "" : "not ") + "encrypted)")));
        }
        StorageForm checked = check(form, repository.secrets(row), id);
        tx.executeWithoutResult(s -> repository.update(id, checked, checked.secrets()));
        log.info("Backup storage '{}' changed by {}", checked.name(), admin.username());
    }

    public void setEnabled(long id, boolean enabled) {
        UserRef admin = requireAdmin();
        StorageRepository.Row row = row(id);
        repository.setEnabled(id, enabled);
        log.info("Backup storage '{}' {} by {}", row.name(), enabled ? "enabled" : "disabled", admin.username());
    }

    /** Removes a storage's configuration; refused while snapshots live there. The datastore itself is left as it is. */
    public void delete(long id) {
        UserRef admin = requireAdmin();
        StorageRepository.Row row = row(id);
        tx.executeWithoutResult(s -> {
            long snapshots = repository.snapshotCount(id);
            if (snapshots > 0) {
                throw new StorageException("Storage '" + row.name() + "' still holds " + snapshots + " snapshot"
                        + (snapshots == 1 ? "" : "s") + ": delete " + (snapshots == 1 ? "it" : "them") + " first.");
            }
            List<String> mirrors = repository.mirrorsUsing(id);
            if (!mirrors.isEmpty()) {
                throw new StorageException("Storage '" + row.name() + "' is used by mirror " + String.join(", ", mirrors)
                        + ": delete the mirror or choose other storages for it first.");
            }
            repository.delete(id);
        });
        log.info("Backup storage '{}' deleted by {}", row.name(), admin.username());
    }

    /**
     * Runs the probe on a form as typed (secrets left blank are those saved for {@code existingId}). For SFTP
     * and FTPS the report carries the server's fingerprint, to be pinned when the admin saves.
     */
    public ProbeReport test(StorageForm form, Long existingId) {
        requireAdmin();
        StorageSecrets saved = existingId == null ? StorageSecrets.NONE : repository.secrets(row(existingId));
        StorageSecrets secrets = form.secrets().over(saved);
        RemoteConfig remote;
        try {
            remote = StorageConfigs.remote(form.settings(), secrets);
        } catch (StorageException e) {
            return new ProbeReport(false, e.getMessage(), 0, 0, null);
        }
        return probeBridge.probe(new StorageAccess(form.name(), remote, secrets.privateKey(), null, 0));
    }

    /** The storages a hypervisor may use and its default; a hypervisor without any refuses backups. */
    public void assign(long hypervisorId, List<Long> storageIds, Long defaultId) {
        UserRef admin = requireAdmin();
        HypervisorRef hypervisor = hypervisors.apply(hypervisorId)
                .orElseThrow(() -> new StorageException("That hypervisor no longer exists."));
        if (defaultId != null && !storageIds.contains(defaultId)) {
            throw new StorageException("The default storage must be one of the assigned ones.");
        }
        for (Long id : storageIds) {
            row(id);
        }
        Long effectiveDefault = defaultId != null ? defaultId : storageIds.isEmpty() ? null : storageIds.getFirst();
        tx.executeWithoutResult(s -> repository.replaceAssignments(hypervisorId, storageIds, effectiveDefault));
        log.info("Hypervisor '{}' now backs up to storages {} (default {}), set by {}", hypervisor.name(), storageIds,
                effectiveDefault, admin.username());
    }

    /** Storage id → default flag for a hypervisor (admins). */
    public Map<Long, Boolean> assignments(long hypervisorId) {
        requireAdmin();
        return repository.assignments(hypervisorId);
    }

    // ---- for the job engine: authorisation happened when the job was queued

    /**
     * The enabled storage a backup on this hypervisor uses: {@code requested} if it is assigned and enabled,
     * else the hypervisor's default. Refused with "Hypervisor backup not enabled" when it has none enabled.
     */
    public long storageForBackup(long hypervisorId, Long requested) {
        Map<Long, Boolean> assigned = repository.assignments(hypervisorId);
        List<StorageRepository.Row> enabled = new ArrayList<>();
        for (Map.Entry<Long, Boolean> e : assigned.entrySet()) {
            repository.find(e.getKey()).filter(StorageRepository.Row::enabled).ifPresent(enabled::add);
        }
        if (enabled.isEmpty()) {
            throw new StorageException("Hypervisor backup not enabled: no enabled backup storage is assigned to this "
                    + "instance's hypervisor. An admin assigns one on the Backup Storage page.");
        }
        if (requested != null) {
            return enabled.stream().filter(r -> r.id() == requested).findFirst()
                    .orElseThrow(() -> new StorageException("That storage is not enabled for this instance's hypervisor.")).id();
        }
        return enabled.stream().filter(r -> Boolean.TRUE.equals(assigned.get(r.id()))).findFirst().orElse(enabled.getFirst()).id();
    }

    /** Everything a bridge needs to reach the storage, secrets and key opened. For jobs only. */
    public StorageAccess accessForJob(long storageId) {
        StorageRepository.Row row = repository.find(storageId)
                .orElseThrow(() -> new StorageException("The storage of this job no longer exists."));
        StorageSecrets secrets = repository.secrets(row);
        RemoteConfig remote = StorageConfigs.remote(row.settings(), secrets);
        long bandwidth = row.bandwidthMBps() == null ? 0 : row.bandwidthMBps() * 1_000_000L;
        return new StorageAccess(row.name(), remote, secrets.privateKey(), repository.datastoreKey(row), bandwidth);
    }

    /** Name and job cap of a storage, for the job engine. */
    public Optional<StorageCap> cap(long storageId) {
        return repository.find(storageId).map(r -> new StorageCap(r.id(), r.name(), r.parallelJobs()));
    }

    public record StorageCap(long id, String name, int parallelJobs) {
    }

    // ----

    private StorageForm check(StorageForm form, StorageSecrets saved, long id) {
        List<ConfigException.FieldError> problems = new ArrayList<>();
        String name = form.name() == null ? "" : form.name().strip();
        if (!NAME.matcher(name).matches()) {
            problems.add(new ConfigException.FieldError("name", "must be 1-100 letters, digits, spaces, dots, dashes or underscores"));
        } else if (repository.nameTaken(name, id)) {
            problems.add(new ConfigException.FieldError("name", "is already used by another storage"));
        }
        if (form.parallelJobs() < 1 || form.parallelJobs() > 64) {
            problems.add(new ConfigException.FieldError("parallelJobs", "must be between 1 and 64"));
        }
        if (form.bandwidthMBps() != null && (form.bandwidthMBps() < 1 || form.bandwidthMBps() > 100_000)) {
            problems.add(new ConfigException.FieldError("bandwidthMBps", "must be between 1 and 100000 MB/s, or empty for no limit"));
        }
        StorageSecrets secrets = form.secrets().over(saved);
        try {
            StorageConfigs.remote(form.settings(), secrets);
        } catch (StorageException e) {
            problems.addAll(e.fields());
        }
        if (problems.isEmpty() && form.settings().pinsServerIdentity()
                && (form.settings().pinnedFingerprint() == null || form.settings().pinnedFingerprint().isBlank())) {
            problems.add(new ConfigException.FieldError("pinnedFingerprint", "press Test first: the server's "
                    + (form.settings().kind() == StorageKind.SFTP ? "host key" : "certificate")
                    + " is shown there and pinned when you save"));
        }
        if (!problems.isEmpty()) {
            throw new StorageException(problems);
        }
        return new StorageForm(name, form.enabled(), form.settings(), secrets, form.bandwidthMBps(), form.parallelJobs(), form.encrypted());
    }

    private StorageSummary summary(StorageRepository.Row r) {
        StorageSecrets secrets = repository.secrets(r);
        List<String> names = repository.hypervisorsOf(r.id()).stream()
                .map(h -> hypervisors.apply(h[0]).map(HypervisorRef::name).orElse("#" + h[0]) + (h[1] == 1 ? " (default)" : ""))
                .toList();
        return new StorageSummary(r.id(), r.name(), r.kind(), r.enabled(), r.settings().where(), r.encrypted(), r.keyFingerprint(),
                r.bandwidthMBps(), r.parallelJobs(), r.settings(), secrets.hasPassword(), secrets.privateKey() != null,
                secrets.secretKey() != null, repository.snapshotCount(r.id()), names);
    }

    private StorageRepository.Row row(long id) {
        return repository.find(id).orElseThrow(() -> new StorageException("That storage no longer exists."));
    }

    private UserRef requireAdmin() {
        UserRef user = currentUser.get().orElseThrow(() -> new StorageException("Log in as an admin to manage backup storage."));
        if (!user.admin()) {
            throw new StorageException("Only an admin may manage backup storage.");
        }
        return user;
    }
}
