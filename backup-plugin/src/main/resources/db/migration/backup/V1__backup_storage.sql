-- The backup plugin's tables, prefixed backup_; history in backup_schema_history.
CREATE TABLE backup_storage (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    kind        VARCHAR(20)  NOT NULL,
    created_at  TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT uq_backup_storage_name UNIQUE (name)
) ENGINE = InnoDB;
