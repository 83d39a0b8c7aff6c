package io.holdfast.host.api;

import io.holdfast.host.security.CurrentUserService;
import io.holdfast.plugin.api.tenancy.UserRef;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * API tokens: each user creates and revokes their own. A token ({@code hf_} + 43 characters) is shown once;
 * only its SHA-256 is stored.
 */
@Service
public class ApiTokenService {

    static final String PREFIX = "hf_";
    static final int MAX_DAYS = 366;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final CurrentUserService currentUser;

    ApiTokenService(javax.sql.DataSource dataSource, CurrentUserService currentUser) {
        this.jdbc = JdbcClient.create(dataSource);
        this.currentUser = currentUser;
    }

    /** A new token and its value, which is never shown again. */
    public record Created(ApiToken token, String value) {
        @Override
        public String toString() {
            return "Created[" + token + "]";
        }
    }

    public Created create(String name, int validDays) {
        UserRef user = user();
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw new ApiTokenException("Give the token a name (at most 100 characters), e.g. the script that uses it.");
        }
        if (validDays < 1 || validDays > MAX_DAYS) {
            throw new ApiTokenException("A token is valid for 1 to " + MAX_DAYS + " days.");
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String value = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant expires = now().plus(Duration.ofDays(validDays));
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO host_api_token (user_id, name, token_hash, token_prefix, expires_at) VALUES (?, ?, ?, ?, ?)")
                .params(user.id(), name.strip(), hash(value), value.substring(0, 8), Timestamp.from(expires)).update(keys, "id");
        long id = keys.getKey().longValue();
        return new Created(find(id).orElseThrow(), value);
    }

    /** The caller's own tokens, newest first. */
    public List<ApiToken> mine() {
        return jdbc.sql("SELECT * FROM host_api_token WHERE user_id = ? ORDER BY id DESC").param(user().id())
                .query(ApiTokenService::token).list();
    }

    /** Revokes one of the caller's tokens (another user's is answered as one that does not exist). */
    public void revoke(long id) {
        int n = jdbc.sql("UPDATE host_api_token SET revoked_at = NOW(6) WHERE id = ? AND user_id = ? AND revoked_at IS NULL")
                .params(id, user().id()).update();
        if (n == 0 && find(id).filter(t -> t.userId() == user().id()).isEmpty()) {
            throw new ApiTokenException("That token does not exist.");
        }
    }

    /** The user a token authenticates, if it is known, not revoked and not expired; records its use. */
    Optional<Long> authenticate(String value) {
        if (value == null || !value.startsWith(PREFIX) || value.length() > 100) {
            return Optional.empty();
        }
        Optional<ApiToken> token = jdbc.sql("SELECT * FROM host_api_token WHERE token_hash = ?").param(hash(value))
                .query(ApiTokenService::token).optional();
        Instant now = now();
        if (token.isEmpty() || !token.get().usable(now)) {
            return Optional.empty();
        }
        jdbc.sql("UPDATE host_api_token SET last_used_at = NOW(6) WHERE id = ?").param(token.get().id()).update();
        return Optional.of(token.get().userId());
    }

    private Optional<ApiToken> find(long id) {
        return jdbc.sql("SELECT * FROM host_api_token WHERE id = ?").param(id).query(ApiTokenService::token).optional();
    }

    private Instant now() {
        return jdbc.sql("SELECT NOW(6)").query(Timestamp.class).single().toInstant();
    }

    private UserRef user() {
        return currentUser.get().orElseThrow(() -> new ApiTokenException("Log in first."));
    }

    static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiToken token(ResultSet rs, int n) throws SQLException {
        return new ApiToken(rs.getLong("id"), rs.getLong("user_id"), rs.getString("name"), rs.getString("token_prefix"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(), instant(rs.getTimestamp("revoked_at")),
                instant(rs.getTimestamp("last_used_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
