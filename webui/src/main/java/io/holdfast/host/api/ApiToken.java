package io.holdfast.host.api;

import java.time.Instant;

/** An API token as its owner sees it (never the token itself after its creation). */
public record ApiToken(long id, long userId, String name, String prefix, Instant createdAt, Instant expiresAt, Instant revokedAt,
                       Instant lastUsedAt) {

    public boolean usable(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
