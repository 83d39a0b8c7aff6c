package io.holdfast.backup.api;

import io.holdfast.backup.job.BackupService;
import io.holdfast.backup.job.Job;
import io.holdfast.backup.job.TaskLine;
import io.holdfast.backup.mirror.MirrorService;
import io.holdfast.backup.policy.PolicyService;
import io.holdfast.backup.sequence.SequenceService;
import io.holdfast.backup.storage.StorageService;
import io.holdfast.plugin.api.rest.RestExtensions;
import io.holdfast.plugin.api.rest.RestField;
import io.holdfast.plugin.api.rest.RestOperation;
import io.holdfast.plugin.api.rest.RestProblem;
import io.holdfast.plugin.api.rest.RestResponse;

import java.util.List;

import static io.holdfast.backup.api.ApiErrors.guarded;

/** Registers the plugin's operations: backups, restores and jobs for everyone (own tenant); the admins' in {@link AdminApi}. */
public final class BackupApi {

    private static final int PAGE = 50;

    private final BackupService backups;

    public BackupApi(RestExtensions rest, BackupService backups, StorageService storages, PolicyService policies, MirrorService mirrors,
                     SequenceService sequences) {
        this.backups = backups;
        // --- backups of an instance
        rest.add(RestOperation.get("/instances/{instanceId}/backups", "listBackups",
                "Lists an instance's backups, newest first (offset, limit query parameters).", guarded(r -> RestResponse.ok(
                        backups.snapshots(r.id("instanceId"), r.queryInt("offset", 0, 0, Integer.MAX_VALUE), r.queryInt("limit", PAGE, 1, 500))
                                .stream().map(ApiViews.Backup::of).toList()))));
        rest.add(RestOperation.post("/instances/{instanceId}/backups", "createBackup",
                "Queues a backup of an instance now; answers with the job to follow.",
                List.of(RestField.optional("fullRead", "boolean", "read every allocated block (default: incremental when a chain exists)"),
                        RestField.optional("allDisks", "boolean", "every disk (default) or the primary disk only")),
                guarded(r -> {
                    long id = r.id("instanceId");
                    boolean full = r.bool("fullRead", false) || backups.whyNoIncremental(id).isPresent();
                    return RestResponse.accepted(ApiViews.Queued.of(backups.backupNow(id, full, r.bool("allDisks", true))));
                })));
        rest.add(RestOperation.get("/instances/{instanceId}/jobs", "listInstanceJobs",
                "Lists an instance's jobs, newest first (offset, limit).", guarded(r -> RestResponse.ok(
                        backups.jobs(r.id("instanceId"), r.queryInt("offset", 0, 0, Integer.MAX_VALUE), r.queryInt("limit", PAGE, 1, 500))
                                .stream().map(ApiViews.JobView::of).toList()))));
        // --- one backup
        rest.add(RestOperation.get("/backups/{backupId}", "getBackup", "Shows one backup.",
                guarded(r -> RestResponse.ok(ApiViews.Backup.of(backups.backup(r.id("backupId")))))));
        rest.add(RestOperation.delete("/backups/{backupId}", "deleteBackup", "Queues the deletion of a backup (refused while protected).",
                guarded(r -> RestResponse.accepted(ApiViews.Queued.of(backups.delete(r.id("backupId")))))));
        rest.add(RestOperation.post("/backups/{backupId}/protect", "protectBackup", "Protects or unprotects a backup.",
                List.of(RestField.required("protected", "boolean", "true to protect, false to unprotect")),
                guarded(r -> {
                    long id = r.id("backupId");
                    backups.setProtected(id, r.bool("protected", true));
                    return RestResponse.ok(ApiViews.Backup.of(backups.backup(id)));
                })));
        rest.add(RestOperation.post("/backups/{backupId}/verify", "verifyBackup", "Queues a verify of a backup (every chunk re-read).",
                List.of(), guarded(r -> RestResponse.accepted(ApiViews.Queued.of(backups.verify(r.id("backupId")))))));
        rest.add(RestOperation.post("/backups/{backupId}/restore", "restoreBackup",
                "Queues a restore: over its own instance (IN_PLACE), to a new instance (NEW_INSTANCE) or into another of the tenant's "
                        + "instances (OTHER_INSTANCE). The current disk is replaced only once the new one is complete.",
                List.of(RestField.required("target", "string", "IN_PLACE, NEW_INSTANCE or OTHER_INSTANCE"),
                        RestField.optional("newName", "string", "NEW_INSTANCE: the new instance's name"),
                        RestField.optional("targetInstanceId", "integer", "OTHER_INSTANCE: the instance to restore into"),
                        RestField.optional("backUpFirst", "boolean", "back up the current state first (default true)")),
                guarded(r -> {
                    long id = r.id("backupId");
                    backups.backup(id); // another tenant's backup is not found, whatever the body says
                    boolean first = r.bool("backUpFirst", true);
                    long job = switch (r.string("target", "")) {
                        case "IN_PLACE" -> backups.restoreInPlace(id, first);
                        case "NEW_INSTANCE" -> backups.restoreToNewInstance(id, r.string("newName", null));
                        case "OTHER_INSTANCE" -> {
                            Long target = r.number("targetInstanceId");
                            if (target == null) {
                                throw RestProblem.badRequest("targetInstanceId", "targetInstanceId is required for OTHER_INSTANCE.");
                            }
                            yield backups.restoreToOtherInstance(id, target, first);
                        }
                        default -> throw RestProblem.badRequest("target", "target must be IN_PLACE, NEW_INSTANCE or OTHER_INSTANCE.");
                    };
                    return RestResponse.accepted(ApiViews.Queued.of(job));
                })));
        // --- jobs
        rest.add(RestOperation.get("/jobs/{jobId}", "getJob", "Shows a job: state, progress (percent, bytes, rate, ETA), error.",
                guarded(r -> RestResponse.ok(ApiViews.JobView.of(backups.job(r.id("jobId")))))));
        rest.add(RestOperation.get("/jobs/{jobId}/log", "getJobLog",
                "A job's task log from a cursor (cursor, limit): poll with nextCursor to follow a running job.",
                guarded(r -> {
                    long id = r.id("jobId");
                    int cursor = r.queryInt("cursor", 0, 0, Integer.MAX_VALUE);
                    List<TaskLine> lines = backups.taskLog(id, cursor, r.queryInt("limit", 500, 1, 5000));
                    Job job = backups.job(id);
                    return RestResponse.ok(new ApiViews.LogPage(lines.stream().map(ApiViews.LogLine::of).toList(), cursor + lines.size(),
                            job.state().finished()));
                })));
        rest.add(RestOperation.post("/jobs/{jobId}/cancel", "cancelJob", "Cancels a waiting or running job.", List.of(),
                guarded(r -> {
                    backups.cancel(r.id("jobId"));
                    return RestResponse.accepted(ApiViews.Queued.of(r.id("jobId")));
                })));
        new AdminApi(rest, storages, policies, mirrors, sequences);
    }
}
