-- Mirror jobs (an offsite copy: which snapshots of which storage go to which other storage, when, kept how
-- long there) and backup sequences (ordered steps on a schedule). A mirror's or a sequence's scheduled run
-- is a job row unique per (mirror, slot) / (sequence, slot), as backups are per (instance, slot).
CREATE TABLE backup_mirror (
    id                     BIGINT AUTO_INCREMENT PRIMARY KEY,
    name                   VARCHAR(100) NOT NULL,
    source_storage_id      BIGINT       NOT NULL,
    destination_storage_id BIGINT       NOT NULL,
    last_per_instance      INT          NULL,
    scope                  VARCHAR(10)  NOT NULL DEFAULT 'ALL',
    scope_id               BIGINT       NULL,
    run_day                VARCHAR(10)  NULL,
    run_at                 TIME         NULL,
    zone                   VARCHAR(60)  NOT NULL,
    keep_all               BOOLEAN      NOT NULL DEFAULT TRUE,
    keep_last              INT          NOT NULL DEFAULT 0,
    keep_hourly            INT          NOT NULL DEFAULT 0,
    keep_daily             INT          NOT NULL DEFAULT 0,
    keep_weekly            INT          NOT NULL DEFAULT 0,
    keep_monthly           INT          NOT NULL DEFAULT 0,
    keep_yearly            INT          NOT NULL DEFAULT 0,
    bandwidth_bps          BIGINT       NOT NULL DEFAULT 0,
    created_at             TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT uq_backup_mirror_name UNIQUE (name),
    CONSTRAINT fk_backup_mirror_source FOREIGN KEY (source_storage_id) REFERENCES backup_storage (id),
    CONSTRAINT fk_backup_mirror_destination FOREIGN KEY (destination_storage_id) REFERENCES backup_storage (id)
) ENGINE = InnoDB;

CREATE TABLE backup_sequence (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    name             VARCHAR(100) NOT NULL,
    run_day          VARCHAR(10)  NULL,
    run_at           TIME         NULL,
    zone             VARCHAR(60)  NOT NULL,
    stop_on_failure  BOOLEAN      NOT NULL DEFAULT TRUE,
    steps            TEXT         NOT NULL,
    created_at       TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT uq_backup_sequence_name UNIQUE (name)
) ENGINE = InnoDB;

ALTER TABLE backup_job
    ADD COLUMN mirror_id     BIGINT NULL,
    ADD COLUMN sequence_id   BIGINT NULL,
    ADD COLUMN parent_job_id BIGINT NULL,
    ADD CONSTRAINT uq_backup_job_mirror_slot UNIQUE (mirror_id, slot_at),
    ADD CONSTRAINT uq_backup_job_sequence_slot UNIQUE (sequence_id, slot_at),
    ADD INDEX ix_backup_job_parent (parent_job_id, id);

-- a mirrored copy: the catalog row of the snapshot it was copied from (the source row may be pruned later)
ALTER TABLE backup_snapshot
    ADD COLUMN copy_of BIGINT NULL;
