package io.holdfast.backup.policy;

import io.holdfast.backup.catalog.Catalog;
import io.holdfast.backup.catalog.SnapshotEntry;
import io.holdfast.backup.job.BackupService;
import io.holdfast.backup.job.JobException;
import io.holdfast.plugin.api.PluginContext;
import io.holdfast.plugin.api.inventory.InstanceRef;
import io.holdfast.plugin.api.tenancy.UserRef;
import io.holdfast.policy.retention.BackupPoint;
import io.holdfast.policy.retention.GfsRetention;
import io.holdfast.policy.retention.RetentionDecision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Policies as admins and tenants use them. Admins write policies, attach and detach any instance and see
 * previews; a tenant sees only the policies offered to tenants, and enables or cancels backups on their own
 * instances. Every call checks the caller; another tenant's instance is answered as one that does not exist.
 */
public final class PolicyService {

    private final PluginContext context;
    private final PolicyRepository repository;
    private final Catalog catalog;
    private final BackupService backups;
    private final PolicyScheduler scheduler;

    PolicyService(PluginContext context, PolicyRepository repository, Catalog catalog, BackupService backups, PolicyScheduler scheduler) {
        this.context = context;
        this.repository = repository;
        this.catalog = catalog;
        this.backups = backups;
        this.scheduler = scheduler;
    }

    // --- admin

    public List<Policy> all() {
        admin();
        return repository.all();
    }

    /** @param policy the fields (its id is ignored); returns the new policy's id */
    public long create(Policy policy) {
        admin();
        check(policy);
        return repository.insert(policy);
    }

    public void update(long id, Policy policy) {
        admin();
        existing(id);
        check(policy);
        repository.update(new Policy(id, policy.name(), policy.schedule(), policy.retention(), policy.maxIncrementals(),
                policy.storageId(), policy.allDisks(), policy.concurrency(), policy.offered(), policy.autoEnrol(), policy.verifyAfterDays()));
    }

    public void delete(long id) {
        admin();
        Policy p = existing(id);
        int attached = repository.attached(id).size();
        if (attached > 0) {
            throw new PolicyException("Policy " + p.name() + " still has " + attached + " instance" + (attached == 1 ? "" : "s")
                    + ": detach " + (attached == 1 ? "it" : "them") + " first.");
        }
        repository.delete(id);
    }

    /** Attaches any instance (admins). */
    public void attach(long instanceId, long policyId) {
        UserRef user = admin();
        InstanceRef instance = visible(instanceId);
        existing(policyId);
        repository.attach(instance.id(), policyId, user.username());
    }

    public void detach(long instanceId) {
        admin();
        repository.detach(visible(instanceId).id());
    }

    public List<InstanceRef> attachedInstances(long policyId) {
        admin();
        return repository.attached(policyId).stream().map(id -> context.instances().find(id)).flatMap(Optional::stream).toList();
    }

    /** What the retention of {@code policy} would keep and remove, and why, before it is saved. */
    public RetentionPreview preview(Policy policy, Long policyId) {
        admin();
        check(policy);
        List<RetentionPreview.InstancePreview> real = new ArrayList<>();
        if (policyId != null) {
            for (long id : repository.attached(policyId)) {
                context.instances().find(id).ifPresent(i -> real.add(new RetentionPreview.InstancePreview(i.name(),
                        decide(policy, catalog.forInstance(i.id())))));
            }
        }
        return new RetentionPreview(real, RetentionPreview.simulatedYear(policy, scheduler.now()));
    }

    // --- tenants (and admins)

    /** The policies a tenant may choose. */
    public List<Policy> offered() {
        user();
        return repository.all().stream().filter(Policy::offered).toList();
    }

    /** Backups on: the instance follows a policy offered to tenants (admins may choose any). */
    public void enable(long instanceId, long policyId) {
        UserRef user = user();
        InstanceRef instance = visible(instanceId);
        Policy policy = repository.find(policyId).filter(p -> user.admin() || p.offered())
                .orElseThrow(() -> new PolicyException("That policy is not offered: choose one of the list."));
        repository.attach(instance.id(), policy.id(), user.username());
    }

    /**
     * Backups off. With {@code deleteBackups}, every backup of the instance that is not protected is deleted
     * (through jobs, so each shows in the task log); protected ones stay. Returns how many deletions were queued.
     */
    public int cancel(long instanceId, boolean deleteBackups) {
        user();
        InstanceRef instance = visible(instanceId);
        repository.detach(instance.id());
        if (!deleteBackups) {
            return 0;
        }
        int queued = 0;
        for (SnapshotEntry s : catalog.forInstance(instance.id())) {
            if (!s.isProtected()) {
                try {
                    backups.delete(s.id());
                    queued++;
                } catch (JobException e) {
                    // deleted meanwhile: nothing to do
                }
            }
        }
        return queued;
    }

    /** The instance's policy and its next run, when it has one. */
    public Optional<InstancePolicy> policyOf(long instanceId) {
        user();
        InstanceRef instance = visible(instanceId);
        return repository.policyOf(instance.id()).flatMap(repository::find)
                .map(p -> new InstancePolicy(p, p.schedule().next(scheduler.now()).at()));
    }

    /** An instance's policy and when it next runs. */
    public record InstancePolicy(Policy policy, Instant nextRun) {
    }

    /** Each backup's reason to be kept (or to go at the next retention), by the instance's policy. */
    public Map<Long, String> retentionReasons(long instanceId) {
        user();
        InstanceRef instance = visible(instanceId);
        Optional<Policy> policy = repository.policyOf(instance.id()).flatMap(repository::find);
        if (policy.isEmpty()) {
            return Map.of();
        }
        List<SnapshotEntry> snapshots = catalog.forInstance(instance.id());
        Map<Long, String> reasons = new HashMap<>();
        for (RetentionDecision d : decide(policy.get(), snapshots)) {
            reasons.put(Long.valueOf(d.backupId()), d.reason());
        }
        return reasons;
    }

    /** Retention over an instance's snapshots, per storage (each storage's chain is pruned on its own). */
    static List<RetentionDecision> decide(Policy policy, List<SnapshotEntry> snapshots) {
        Map<Long, List<BackupPoint>> perStorage = new HashMap<>();
        for (SnapshotEntry s : snapshots) {
            perStorage.computeIfAbsent(s.storageId(), k -> new ArrayList<>()).add(point(s));
        }
        List<RetentionDecision> decisions = new ArrayList<>();
        GfsRetention retention = new GfsRetention(policy.retention());
        perStorage.values().forEach(points -> decisions.addAll(retention.decide(points)));
        return decisions;
    }

    static BackupPoint point(SnapshotEntry s) {
        return new BackupPoint(Long.toString(s.id()), s.createdAt(), s.isProtected(), true, s.manual());
    }

    private static void check(Policy p) {
        if (p.name() == null || p.name().isBlank() || p.name().length() > 100) {
            throw new PolicyException("A policy needs a name of 1 to 100 characters.");
        }
        if (p.concurrency() < 1 || p.maxIncrementals() < 0) {
            throw new PolicyException("Concurrency must be at least 1 and the number of incrementals at least 0.");
        }
        if (p.verifyAfterDays() != null && p.verifyAfterDays() < 1) {
            throw new PolicyException("Verify after at least 1 day, or never.");
        }
    }

    private Policy existing(long id) {
        return repository.find(id).orElseThrow(() -> PolicyException.notFound("That policy does not exist."));
    }

    private InstanceRef visible(long id) {
        return context.instances().find(id).orElseThrow(() -> PolicyException.notFound("That instance does not exist."));
    }

    private UserRef user() {
        return context.currentUser().get().orElseThrow(() -> new PolicyException("Log in first."));
    }

    private UserRef admin() {
        UserRef user = user();
        if (!user.admin()) {
            throw new PolicyException("Only an admin manages policies.");
        }
        return user;
    }
}
