-- Self-service and the admin's job list: a restore may wait for a backup of the current state first
-- (after_job); a restore into another instance shows in that instance's lists too (target_instance_id); the Jobs page filters by tenant, hypervisor, storage and kind, newest first, over many rows;
-- the Overview counts recent outcomes and sums storage use per storage and per tenant.
ALTER TABLE backup_job
    ADD COLUMN after_job BIGINT NULL,
    ADD COLUMN target_instance_id BIGINT NULL,
    ADD INDEX ix_backup_job_target (target_instance_id, id),
    ADD INDEX ix_backup_job_tenant (tenant_id, id),
    ADD INDEX ix_backup_job_hypervisor (hypervisor_id, id),
    ADD INDEX ix_backup_job_storage (storage_id, id),
    ADD INDEX ix_backup_job_kind (kind, id),
    ADD INDEX ix_backup_job_finished (finished_at);

ALTER TABLE backup_snapshot
    ADD INDEX ix_backup_snapshot_tenant (tenant_id),
    ADD INDEX ix_backup_snapshot_created (created_at);

UPDATE backup_job SET target_instance_id = JSON_VALUE(params, '$.targetInstanceId')
    WHERE JSON_VALUE(params, '$.targetInstanceId') IS NOT NULL;
