-- Bridge daemons: a hypervisor whose row is here is driven through its `holdfast-bridge serve` over HTTPS,
-- with the certificate pinned by fingerprint and the token sealed under the plugin's master key. A hypervisor
-- without a row uses the in-process bridge when it is this machine, and cannot back up otherwise.
CREATE TABLE backup_bridge_daemon (
    hypervisor_id  BIGINT        PRIMARY KEY,
    url            VARCHAR(300)  NOT NULL,
    fingerprint    VARCHAR(80)   NOT NULL,
    token_sealed   VARBINARY(600) NOT NULL,
    registered_at  TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    checked_at     TIMESTAMP(3)  NULL,
    check_ok       BOOLEAN       NULL,
    check_message  VARCHAR(1000) NULL
);
