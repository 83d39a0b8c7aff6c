-- API tokens for /api/v1: only a SHA-256 of each token is kept (a token is 256 random bits, so a fast hash
-- is enough; nothing to brute-force), with its owner, an expiry and a revocation time.
CREATE TABLE host_api_token (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id       BIGINT       NOT NULL,
    name          VARCHAR(100) NOT NULL,
    token_hash    CHAR(64)     NOT NULL,
    token_prefix  VARCHAR(12)  NOT NULL,
    created_at    TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    expires_at    TIMESTAMP(6) NOT NULL,
    revoked_at    TIMESTAMP(6) NULL,
    last_used_at  TIMESTAMP(6) NULL,
    CONSTRAINT uq_host_api_token_hash UNIQUE (token_hash),
    CONSTRAINT fk_host_api_token_user FOREIGN KEY (user_id) REFERENCES host_user (id) ON DELETE CASCADE
) ENGINE = InnoDB;
