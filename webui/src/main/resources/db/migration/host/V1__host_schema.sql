-- The host's own tables. Plugins keep theirs apart, with their own migration history.
CREATE TABLE host_tenant (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    name       VARCHAR(100) NOT NULL,
    created_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT uq_host_tenant_name UNIQUE (name)
) ENGINE = InnoDB;

CREATE TABLE host_user (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    username      VARCHAR(100) NOT NULL,
    password_hash VARCHAR(200) NOT NULL,
    role          VARCHAR(20)  NOT NULL,
    tenant_id     BIGINT       NOT NULL,
    created_at    TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT uq_host_user_username UNIQUE (username),
    CONSTRAINT fk_host_user_tenant FOREIGN KEY (tenant_id) REFERENCES host_tenant (id)
) ENGINE = InnoDB;

CREATE TABLE host_hypervisor (
    id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
    name                 VARCHAR(100)  NOT NULL,
    uri                  VARCHAR(500)  NOT NULL,
    last_discovery_at    TIMESTAMP(6)  NULL,
    last_discovery_error VARCHAR(1000) NULL,
    CONSTRAINT uq_host_hypervisor_name UNIQUE (name)
) ENGINE = InnoDB;

CREATE TABLE host_instance (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    hypervisor_id BIGINT       NOT NULL,
    domain_uuid   CHAR(36)     NOT NULL,
    name          VARCHAR(200) NOT NULL,
    state         VARCHAR(30)  NOT NULL,
    tenant_id     BIGINT       NULL,
    CONSTRAINT uq_host_instance_domain UNIQUE (hypervisor_id, domain_uuid),
    CONSTRAINT fk_host_instance_hypervisor FOREIGN KEY (hypervisor_id) REFERENCES host_hypervisor (id),
    CONSTRAINT fk_host_instance_tenant FOREIGN KEY (tenant_id) REFERENCES host_tenant (id)
) ENGINE = InnoDB;

CREATE TABLE host_instance_disk (
    instance_id BIGINT        NOT NULL,
    disk_order  INT           NOT NULL,
    target      VARCHAR(32)   NOT NULL,
    source_path VARCHAR(1000) NOT NULL,
    format      VARCHAR(32)   NOT NULL,
    PRIMARY KEY (instance_id, disk_order),
    CONSTRAINT fk_host_instance_disk_instance FOREIGN KEY (instance_id) REFERENCES host_instance (id) ON DELETE CASCADE
) ENGINE = InnoDB;
