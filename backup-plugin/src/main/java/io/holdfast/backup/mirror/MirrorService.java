package io.holdfast.backup.mirror;

import io.holdfast.backup.job.Job;
import io.holdfast.backup.job.JobKind;
import io.holdfast.backup.job.JobQueue;
import io.holdfast.backup.policy.PolicyEngine;
import io.holdfast.backup.storage.StorageService;
import io.holdfast.backup.storage.StorageSummary;
import io.holdfast.plugin.api.PluginContext;
import io.holdfast.plugin.api.tenancy.UserRef;

import java.util.List;
import java.util.Optional;

/** Mirror jobs as admins manage them. Every method refuses anyone but an admin, whatever the UI shows. */
public final class MirrorService {

    private final PluginContext context;
    private final MirrorRepository repository;
    private final StorageService storages;
    private final PolicyEngine policies;
    private final JobQueue queue;

    MirrorService(PluginContext context, MirrorRepository repository, StorageService storages, PolicyEngine policies, JobQueue queue) {
        this.context = context;
        this.repository = repository;
        this.storages = storages;
        this.policies = policies;
        this.queue = queue;
    }

    public List<Mirror> all() {
        admin();
        return repository.all();
    }

    /** @param mirror the fields (its id is ignored); returns the new mirror's id */
    public long create(Mirror mirror) {
        admin();
        check(mirror, 0);
        return repository.insert(mirror);
    }

    public void update(long id, Mirror mirror) {
        admin();
        existing(id);
        check(mirror, id);
        repository.update(id, mirror);
    }

    /** Removes the mirror; the copies it made stay at the destination and in the catalog. */
    public void delete(long id) {
        admin();
        Mirror m = existing(id);
        if (queue.active(JobQueue.Owner.MIRROR, id)) {
            throw new MirrorException("Mirror " + m.name() + " is running: wait for it to end, or cancel it in Backup Jobs.");
        }
        repository.delete(id);
    }

    /** Queues a run now; refused while one waits or runs. Returns the job's id. */
    public long runNow(long id) {
        UserRef user = admin();
        Mirror m = existing(id);
        if (queue.active(JobQueue.Owner.MIRROR, id)) {
            throw new MirrorException("Mirror " + m.name() + " is already waiting or running.");
        }
        return queue.run(JobQueue.Owner.MIRROR, id, JobKind.MIRROR, m.destinationStorageId(), null, null, null, user.username(),
                "Queued by " + user.username() + " (run now)").orElseThrow();
    }

    /** The mirror's newest run, if it ever ran. */
    public Optional<Job> lastRun(long id) {
        admin();
        return queue.latest(JobQueue.Owner.MIRROR, id, 1).stream().findFirst();
    }

    /** The storages a mirror may copy from and to. */
    public List<StorageSummary> storages() {
        admin();
        return storages.list();
    }

    private void check(Mirror m, long id) {
        if (m.name() == null || m.name().isBlank() || m.name().length() > 100) {
            throw new MirrorException("Give the mirror a name (at most 100 characters).");
        }
        if (repository.nameTaken(m.name().strip(), id)) {
            throw new MirrorException("Another mirror is already named " + m.name().strip() + ".");
        }
        if (m.sourceStorageId() == m.destinationStorageId()) {
            throw new MirrorException("The destination must be another storage than the source.");
        }
        List<Long> known = storages.list().stream().map(StorageSummary::id).toList();
        if (!known.contains(m.sourceStorageId()) || !known.contains(m.destinationStorageId())) {
            throw new MirrorException("Choose an existing source and destination storage.");
        }
        if (m.lastPerInstance() != null && m.lastPerInstance() < 1) {
            throw new MirrorException("Mirror at least the last 1 snapshot per instance, or all of them.");
        }
        if (m.bandwidthBytesPerSecond() < 0) {
            throw new MirrorException("The bandwidth limit cannot be negative (0 = none).");
        }
        switch (m.scope()) {
            case ALL -> {
            }
            case TENANT -> {
                if (m.scopeId() == null || context.tenants().tenant(m.scopeId()).isEmpty()) {
                    throw new MirrorException("Choose the tenant whose instances are mirrored.");
                }
            }
            case POLICY -> {
                if (m.scopeId() == null || policies.policy(m.scopeId()).isEmpty()) {
                    throw new MirrorException("Choose the policy whose instances are mirrored.");
                }
            }
        }
    }

    private Mirror existing(long id) {
        return repository.find(id).orElseThrow(() -> MirrorException.notFound("That mirror does not exist."));
    }

    private UserRef admin() {
        UserRef user = context.currentUser().get().orElseThrow(() -> new MirrorException("Log in first."));
        if (!user.admin()) {
            throw new MirrorException("Only an admin manages mirrors.");
        }
        return user;
    }
}
