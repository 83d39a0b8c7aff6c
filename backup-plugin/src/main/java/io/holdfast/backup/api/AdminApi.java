package io.holdfast.backup.api;

import io.holdfast.backup.mirror.MirrorService;
import io.holdfast.backup.policy.Policy;
import io.holdfast.backup.policy.PolicyException;
import io.holdfast.backup.policy.PolicyService;
import io.holdfast.backup.sequence.SequenceService;
import io.holdfast.backup.storage.CreatedStorage;
import io.holdfast.backup.storage.StorageForm;
import io.holdfast.backup.storage.StorageKind;
import io.holdfast.backup.storage.StorageSecrets;
import io.holdfast.backup.storage.StorageService;
import io.holdfast.backup.storage.StorageSettings;
import io.holdfast.bridge.remote.RemoteConfig;
import io.holdfast.plugin.api.rest.RestExtensions;
import io.holdfast.plugin.api.rest.RestField;
import io.holdfast.plugin.api.rest.RestOperation;
import io.holdfast.plugin.api.rest.RestProblem;
import io.holdfast.plugin.api.rest.RestRequest;
import io.holdfast.plugin.api.rest.RestResponse;
import io.holdfast.policy.retention.RetentionRules;
import io.holdfast.policy.schedule.BackupWindow;
import io.holdfast.policy.schedule.Schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;

import static io.holdfast.backup.api.ApiErrors.guarded;
import java.util.Locale;
import java.util.Map;

/**
 * The admins' operations: storages (add, change, enable, delete), policies (add, change, delete, attach), mirrors
 * and sequences (run). The same services as the admin pages, which check the caller's role themselves.
 */
final class AdminApi {

    private static final List<RestField> STORAGE = List.of(
            RestField.required("name", "string", "the storage's name"),
            RestField.required("kind", "string", "LOCAL, SFTP, FTP, S3 or RCLONE"),
            RestField.optional("path", "string", "LOCAL: the absolute folder on the hypervisors"),
            RestField.optional("host", "string", "SFTP, FTP: the server"),
            RestField.optional("port", "integer", "SFTP, FTP: the port"),
            RestField.optional("username", "string", "SFTP, FTP: the user"),
            RestField.optional("password", "string", "SFTP, FTP: the password (write-only; empty on change keeps it)"),
            RestField.optional("privateKey", "string", "SFTP: an OpenSSH private key instead of a password (write-only)"),
            RestField.optional("ftpSecurity", "string", "FTP: NONE, EXPLICIT_TLS or IMPLICIT_TLS"),
            RestField.optional("fingerprint", "string", "SFTP host key or FTPS certificate to pin (SHA256:...)"),
            RestField.optional("endpoint", "string", "S3: the endpoint URL (empty for AWS)"),
            RestField.optional("bucket", "string", "S3: the bucket"),
            RestField.optional("region", "string", "S3: the region"),
            RestField.optional("accessKey", "string", "S3: the access key"),
            RestField.optional("secretKey", "string", "S3: the secret key (write-only; empty on change keeps it)"),
            RestField.optional("pathStyle", "boolean", "S3: path-style requests (MinIO, Ceph)"),
            RestField.optional("rcloneRemote", "string", "RCLONE: the remote's name in rclone's config"),
            RestField.optional("prefix", "string", "SFTP, FTP, S3, RCLONE: the folder the datastore lives in"),
            RestField.optional("bandwidthMBps", "integer", "a limit in MB/s, or none"),
            RestField.optional("parallelJobs", "integer", "at most this many jobs at once (default 2)"),
            RestField.optional("enabled", "boolean", "whether backups may use it (default true)"),
            RestField.optional("encrypted", "boolean", "encrypt the datastore (default false; fixed once created)"));

    private static final List<RestField> POLICY = List.of(
            RestField.required("name", "string", "the policy's name"),
            RestField.required("fullAt", "string", "time of day of the full read, HH:MM"),
            RestField.optional("fullDay", "string", "MONDAY..SUNDAY for a weekly full read; absent: daily"),
            RestField.optional("incrementalEveryHours", "integer", "an incremental every N hours between full reads (0: none)"),
            RestField.optional("windowStart", "string", "backups start from HH:MM (with windowEnd; absent: all day)"),
            RestField.optional("windowEnd", "string", "backups start until HH:MM"),
            RestField.optional("zone", "string", "the schedule's time zone (default UTC)"),
            RestField.optional("keepLast", "integer", "keep the last N"),
            RestField.optional("keepHourly", "integer", "GFS: hours"),
            RestField.optional("keepDaily", "integer", "GFS: days"),
            RestField.optional("keepWeekly", "integer", "GFS: ISO weeks"),
            RestField.optional("keepMonthly", "integer", "GFS: months"),
            RestField.optional("keepYearly", "integer", "GFS: years"),
            RestField.optional("manualSlots", "integer", "manual backups kept apart, the oldest replaced by the next (absent: they count like others)"),
            RestField.optional("maxIncrementals", "integer", "at most N incrementals before the next full read (default 6)"),
            RestField.optional("storageId", "integer", "where its backups go (default: the hypervisor's)"),
            RestField.optional("allDisks", "boolean", "every disk (default) or the primary disk only"),
            RestField.optional("concurrency", "integer", "at most N of its backups at once (default 2)"),
            RestField.optional("offered", "boolean", "tenants may choose it for their instances"),
            RestField.optional("autoEnrol", "boolean", "new instances are attached to it"),
            RestField.optional("verifyAfterDays", "integer", "re-verify backups not verified for N days"));

    AdminApi(RestExtensions rest, StorageService storages, PolicyService policies, MirrorService mirrors, SequenceService sequences) {
        rest.add(RestOperation.get("/storages", "listStorages", "Lists the storages (no secrets).",
                guarded(r -> RestResponse.ok(storages.list()))).forAdminsOnly());
        rest.add(RestOperation.post("/storages", "createStorage",
                "Adds a storage; an encrypted one answers with its datastore key, shown this once: keep it.", STORAGE, guarded(r -> {
                    CreatedStorage created = storages.create(storage(r));
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("id", created.id());
                    if (created.datastoreKey() != null) {
                        body.put("datastoreKey", created.datastoreKey());
                        body.put("keyFingerprint", created.keyFingerprint());
                    }
                    return new RestResponse(201, body);
                })).forAdminsOnly());
        rest.add(new RestOperation("PUT", "/storages/{storageId}", "updateStorage",
                "Changes a storage: every field as on creation; secrets left empty keep their saved values.", true, STORAGE, guarded(r -> {
                    long id = r.id("storageId");
                    storages.update(id, storage(r));
                    return RestResponse.ok(storages.get(id));
                })));
        rest.add(RestOperation.delete("/storages/{storageId}", "deleteStorage",
                "Forgets a storage (refused while snapshots live there or a mirror uses it); its files are left as they are.",
                guarded(r -> {
                    storages.delete(r.id("storageId"));
                    return RestResponse.noContent();
                })).forAdminsOnly());
        rest.add(RestOperation.get("/policies", "listPolicies", "Lists the backup policies.",
                guarded(r -> RestResponse.ok(policies.all().stream().map(p -> view(p, policies)).toList()))).forAdminsOnly());
        rest.add(RestOperation.post("/policies", "createPolicy", "Adds a backup policy.", POLICY,
                guarded(r -> new RestResponse(201, Map.of("id", policies.create(policy(0, r)))))).forAdminsOnly());
        rest.add(new RestOperation("PUT", "/policies/{policyId}", "updatePolicy", "Changes a backup policy (every field as on creation).",
                true, POLICY, guarded(r -> {
                    long id = r.id("policyId");
                    policies.update(id, policy(id, r));
                    return RestResponse.ok(policies.all().stream().filter(p -> p.id() == id).map(p -> view(p, policies)).findFirst()
                            .orElseThrow());
                })));
        rest.add(RestOperation.delete("/policies/{policyId}", "deletePolicy", "Deletes a backup policy (its instances are detached).",
                guarded(r -> {
                    policies.delete(r.id("policyId"));
                    return RestResponse.noContent();
                })).forAdminsOnly());
        rest.add(RestOperation.post("/policies/{policyId}/instances/{instanceId}", "attachInstance",
                "Attaches an instance to a policy (moving it from its current one).", List.of(), guarded(r -> {
                    policies.attach(r.id("instanceId"), r.id("policyId"));
                    return RestResponse.noContent();
                })).forAdminsOnly());
        rest.add(RestOperation.delete("/policies/{policyId}/instances/{instanceId}", "detachInstance",
                "Detaches an instance from its policy.", guarded(r -> {
                    policies.detach(r.id("instanceId"));
                    return RestResponse.noContent();
                })).forAdminsOnly());
        rest.add(RestOperation.get("/mirrors", "listMirrors", "Lists the mirror jobs.",
                guarded(r -> RestResponse.ok(mirrors.all().stream().map(m -> Map.of("id", m.id(), "name", m.name(),
                        "sourceStorageId", m.sourceStorageId(), "destinationStorageId", m.destinationStorageId())).toList()))).forAdminsOnly());
        rest.add(RestOperation.post("/mirrors/{mirrorId}/run", "runMirror", "Runs a mirror now.", List.of(),
                guarded(r -> RestResponse.accepted(ApiViews.Queued.of(mirrors.runNow(r.id("mirrorId")))))).forAdminsOnly());
        rest.add(RestOperation.post("/sequences/{sequenceId}/run", "runSequence", "Runs a backup sequence now.", List.of(),
                guarded(r -> RestResponse.accepted(ApiViews.Queued.of(sequences.runNow(r.id("sequenceId")))))).forAdminsOnly());
    }

    private static Map<String, Object> view(Policy p, PolicyService policies) {
        return Map.of("id", p.id(), "name", p.name(), "schedule", p.schedule().describe(), "retention", p.retention().describe(),
                "offered", p.offered(), "autoEnrol", p.autoEnrol(),
                "instances", policies.attachedInstances(p.id()).stream().map(i -> i.id()).toList());
    }

    private static StorageForm storage(RestRequest r) {
        StorageKind kind = choice(r, "kind", StorageKind.class);
        Integer port = r.number("port") == null ? null : r.number("port").intValue();
        StorageSettings settings = new StorageSettings(kind, r.string("path", null), r.string("host", null), port,
                r.string("username", null), r.string("prefix", null),
                r.string("ftpSecurity", null) == null ? null : choice(r, "ftpSecurity", RemoteConfig.FtpSecurity.class),
                r.string("endpoint", null), r.string("bucket", null), r.string("region", null), r.string("accessKey", null),
                r.bool("pathStyle", false), r.string("rcloneRemote", null), r.string("fingerprint", null));
        StorageSecrets secrets = new StorageSecrets(r.string("password", null), r.string("privateKey", null), r.string("secretKey", null));
        Long bandwidth = r.number("bandwidthMBps");
        Long parallel = r.number("parallelJobs");
        return new StorageForm(r.string("name", ""), r.bool("enabled", true), settings, secrets,
                bandwidth == null ? null : bandwidth.intValue(), parallel == null ? 2 : parallel.intValue(), r.bool("encrypted", false));
    }

    private static Policy policy(long id, RestRequest r) {
        try {
            ZoneId zone = ZoneId.of(r.string("zone", "UTC"));
            String day = r.string("fullDay", null);
            DayOfWeek fullDay = day == null ? null : choice(r, "fullDay", DayOfWeek.class);
            LocalTime fullAt = time(r, "fullAt");
            LocalTime start = r.string("windowStart", null) == null ? null : time(r, "windowStart");
            LocalTime end = r.string("windowEnd", null) == null ? null : time(r, "windowEnd");
            BackupWindow window = start == null || end == null ? BackupWindow.ALL_DAY : new BackupWindow(start, end);
            Schedule schedule = new Schedule(fullDay, fullAt, count(r, "incrementalEveryHours", 0), window, zone);
            RetentionRules rules = new RetentionRules(count(r, "keepLast", 0), count(r, "keepHourly", 0), count(r, "keepDaily", 0),
                    count(r, "keepWeekly", 0), count(r, "keepMonthly", 0), count(r, "keepYearly", 0),
                    r.number("manualSlots") == null ? null : count(r, "manualSlots", 0), zone);
            Long verify = r.number("verifyAfterDays");
            return new Policy(id, r.string("name", "").strip(), schedule, rules, count(r, "maxIncrementals", 6), r.number("storageId"),
                    r.bool("allDisks", true), count(r, "concurrency", 2), r.bool("offered", false), r.bool("autoEnrol", false),
                    verify == null ? null : verify.intValue());
        } catch (java.time.DateTimeException e) {
            throw RestProblem.badRequest("zone", "zone is not a time zone (" + e.getMessage() + ").");
        } catch (IllegalArgumentException e) {
            throw new PolicyException(e.getMessage());
        }
    }

    private static int count(RestRequest r, String field, int fallback) {
        Long n = r.number(field);
        if (n != null && (n < 0 || n > 100_000)) {
            throw RestProblem.badRequest(field, field + " must be between 0 and 100000.");
        }
        return n == null ? fallback : n.intValue();
    }

    private static LocalTime time(RestRequest r, String field) {
        try {
            return LocalTime.parse(r.string(field, ""));
        } catch (java.time.format.DateTimeParseException e) {
            throw RestProblem.badRequest(field, field + " must be a time of day, HH:MM.");
        }
    }

    private static <E extends Enum<E>> E choice(RestRequest r, String field, Class<E> type) {
        String value = r.string(field, "");
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RestProblem.badRequest(field, field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()) + ".");
        }
    }
}
