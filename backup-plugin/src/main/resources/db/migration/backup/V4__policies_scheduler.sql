-- Policies (schedule, GFS retention, where and how), which instance follows which, and what the scheduler
-- needs to queue each slot exactly once across nodes: a job row per (instance, slot), unique; a ShedLock
-- row so one node ticks at a time; gc times per storage.
CREATE TABLE backup_policy (
    id                 BIGINT AUTO_INCREMENT PRIMARY KEY,
    name               VARCHAR(100) NOT NULL,
    full_day           VARCHAR(10)  NULL,
    full_at            TIME         NOT NULL,
    incremental_hours  INT          NOT NULL DEFAULT 0,
    window_start       TIME         NULL,
    window_end         TIME         NULL,
    zone               VARCHAR(60)  NOT NULL,
    keep_last          INT          NOT NULL DEFAULT 0,
    keep_hourly        INT          NOT NULL DEFAULT 0,
    keep_daily         INT          NOT NULL DEFAULT 0,
    keep_weekly        INT          NOT NULL DEFAULT 0,
    keep_monthly       INT          NOT NULL DEFAULT 0,
    keep_yearly        INT          NOT NULL DEFAULT 0,
    manual_slots       INT          NULL,
    max_incrementals   INT          NOT NULL DEFAULT 6,
    storage_id         BIGINT       NULL,
    all_disks          BOOLEAN      NOT NULL DEFAULT TRUE,
    concurrency        INT          NOT NULL DEFAULT 2,
    offered            BOOLEAN      NOT NULL DEFAULT FALSE,
    auto_enrol         BOOLEAN      NOT NULL DEFAULT FALSE,
    verify_after_days  INT          NULL,
    created_at         TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT uq_backup_policy_name UNIQUE (name)
) ENGINE = InnoDB;

CREATE TABLE backup_policy_instance (
    instance_id  BIGINT       PRIMARY KEY,
    policy_id    BIGINT       NOT NULL,
    attached_by  VARCHAR(100) NOT NULL,
    attached_at  TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT fk_backup_policy_instance_policy FOREIGN KEY (policy_id) REFERENCES backup_policy (id)
) ENGINE = InnoDB;

-- instances the scheduler has seen: a new one is enrolled by the auto-enrol policy the first time it is seen
CREATE TABLE backup_instance_seen (
    instance_id BIGINT PRIMARY KEY,
    seen_at     TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
) ENGINE = InnoDB;

CREATE TABLE backup_storage_gc (
    storage_id  BIGINT PRIMARY KEY,
    last_gc_at  TIMESTAMP(6) NOT NULL
) ENGINE = InnoDB;

ALTER TABLE backup_job
    ADD COLUMN policy_id BIGINT       NULL,
    ADD COLUMN slot_at   TIMESTAMP(6) NULL,
    ADD COLUMN deadline  TIMESTAMP(6) NULL,
    ADD CONSTRAINT uq_backup_job_slot UNIQUE (instance_id, kind, slot_at);

ALTER TABLE backup_snapshot
    ADD COLUMN manual BOOLEAN NOT NULL DEFAULT TRUE;

CREATE TABLE backup_shedlock (
    name       VARCHAR(64)  NOT NULL PRIMARY KEY,
    lock_until TIMESTAMP(3) NOT NULL,
    locked_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    locked_by  VARCHAR(255) NOT NULL
) ENGINE = InnoDB;
