-- Storages (secrets sealed with the master key, never in plain text), their hypervisors, the catalog of
-- snapshots, and the job queue with its task log.
ALTER TABLE backup_storage
    ADD COLUMN enabled            BOOLEAN       NOT NULL DEFAULT TRUE,
    ADD COLUMN settings           TEXT          NOT NULL DEFAULT '{}',
    ADD COLUMN secrets            VARBINARY(8192) NULL,
    ADD COLUMN encrypted          BOOLEAN       NOT NULL DEFAULT FALSE,
    ADD COLUMN datastore_key      VARBINARY(256) NULL,
    ADD COLUMN key_fingerprint    VARCHAR(64)   NULL,
    ADD COLUMN bandwidth_mbps     INT           NULL,
    ADD COLUMN parallel_jobs      INT           NOT NULL DEFAULT 2,
    ADD COLUMN updated_at         TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6);

CREATE TABLE backup_storage_hypervisor (
    storage_id    BIGINT  NOT NULL,
    hypervisor_id BIGINT  NOT NULL,
    is_default    BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (storage_id, hypervisor_id),
    CONSTRAINT fk_backup_storage_hypervisor_storage FOREIGN KEY (storage_id) REFERENCES backup_storage (id) ON DELETE CASCADE
) ENGINE = InnoDB;

CREATE TABLE backup_snapshot (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    storage_id     BIGINT        NOT NULL,
    instance_id    BIGINT        NOT NULL,
    tenant_id      BIGINT        NULL,
    instance_uuid  CHAR(36)      NOT NULL,
    snapshot_name  VARCHAR(120)  NOT NULL,
    kind           VARCHAR(20)   NOT NULL,
    disks          VARCHAR(1000) NOT NULL,
    disk_bytes     BIGINT        NOT NULL,
    bytes_read     BIGINT        NOT NULL,
    bytes_stored   BIGINT        NOT NULL,
    duration_ms    BIGINT        NOT NULL,
    created_at     TIMESTAMP(6)  NOT NULL,
    protected      BOOLEAN       NOT NULL DEFAULT FALSE,
    verify_state   VARCHAR(20)   NOT NULL DEFAULT 'UNVERIFIED',
    verified_at    TIMESTAMP(6)  NULL,
    notes          TEXT          NULL,
    job_id         BIGINT        NULL,
    CONSTRAINT uq_backup_snapshot UNIQUE (storage_id, snapshot_name),
    CONSTRAINT fk_backup_snapshot_storage FOREIGN KEY (storage_id) REFERENCES backup_storage (id),
    INDEX ix_backup_snapshot_instance (instance_id, created_at)
) ENGINE = InnoDB;

CREATE TABLE backup_job (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    kind             VARCHAR(20)   NOT NULL,
    state            VARCHAR(20)   NOT NULL,
    instance_id      BIGINT        NULL,
    tenant_id        BIGINT        NULL,
    hypervisor_id    BIGINT        NULL,
    storage_id       BIGINT        NULL,
    snapshot_id      BIGINT        NULL,
    params           TEXT          NOT NULL,
    requested_by     VARCHAR(100)  NOT NULL,
    created_at       TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    started_at       TIMESTAMP(6)  NULL,
    finished_at      TIMESTAMP(6)  NULL,
    node             VARCHAR(100)  NULL,
    heartbeat_at     TIMESTAMP(6)  NULL,
    phase            VARCHAR(200)  NULL,
    percent          DOUBLE        NULL,
    bytes_done       BIGINT        NULL,
    bytes_total      BIGINT        NULL,
    rate_bps         DOUBLE        NULL,
    eta_seconds      BIGINT        NULL,
    cancel_requested BOOLEAN       NOT NULL DEFAULT FALSE,
    error            VARCHAR(2000) NULL,
    result_snapshot  BIGINT        NULL,
    INDEX ix_backup_job_state (state, id),
    INDEX ix_backup_job_instance (instance_id, id)
) ENGINE = InnoDB;

CREATE TABLE backup_task_log (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    job_id      BIGINT        NOT NULL,
    at          TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    level       VARCHAR(10)   NOT NULL,
    message     TEXT          NOT NULL,
    duration_ms BIGINT        NULL,
    CONSTRAINT fk_backup_task_log_job FOREIGN KEY (job_id) REFERENCES backup_job (id) ON DELETE CASCADE,
    INDEX ix_backup_task_log_job (job_id, id)
) ENGINE = InnoDB;

-- One row that claiming locks, so the caps (per hypervisor, storage, instance) are counted consistently
-- by every node; the pending rows themselves are taken with FOR UPDATE SKIP LOCKED.
CREATE TABLE backup_dispatch_lock (
    id INT PRIMARY KEY
) ENGINE = InnoDB;
INSERT INTO backup_dispatch_lock (id) VALUES (1);
