package io.countersign.security;

import io.countersign.shared.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code api_tokens} table: only hashes of secrets are stored. */
@Repository
class TokenStore {

    /** A stored token with what authentication needs. */
    record Row(String id, String username, String name, String hash, Instant expiresAt, Instant lastUsedAt) {}

    private static final String COLUMNS = "id, username, name, secret_hash, created_at, expires_at, last_used_at";

    private final JdbcClient jdbc;

    TokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> findByHash(String hash) {
        return jdbc.sql("select " + COLUMNS + " from api_tokens where secret_hash = ?")
                .param(hash)
                .query(TokenStore::row)
                .optional();
    }

    Optional<Row> find(String username, String id) {
        return jdbc.sql("select " + COLUMNS + " from api_tokens where username = ? and id = ?")
                .params(username, id)
                .query(TokenStore::row)
                .optional();
    }

    List<Row> ofUser(String username) {
        return jdbc.sql("select " + COLUMNS + " from api_tokens where username = ? order by created_at, id")
                .param(username)
                .query(TokenStore::row)
                .list();
    }

    List<ApiToken> list(String username) {
        return jdbc.sql("select " + COLUMNS + " from api_tokens where username = ? order by created_at, id")
                .param(username)
                .query((rs, n) -> token(rs))
                .list();
    }

    List<OwnedApiToken> all() {
        return jdbc.sql("select " + COLUMNS + " from api_tokens order by username, created_at, id")
                .query((rs, n) -> new OwnedApiToken(rs.getString("username"), token(rs)))
                .list();
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        return new ApiToken(
                rs.getString("id"),
                rs.getString("name"),
                instant(rs, "created_at"),
                instant(rs, "last_used_at"),
                instant(rs, "expires_at"));
    }

    boolean nameTaken(String username, String name) {
        return jdbc.sql("select count(*) from api_tokens where username = ? and name = ?")
                        .params(username, name)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    void insert(String id, String username, String name, String hash, Instant createdAt, Instant expiresAt) {
        jdbc.sql("""
                        insert into api_tokens (id, username, name, secret_hash, created_at, expires_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(id, username, name, hash, Timestamps.toDb(createdAt), Timestamps.toDb(expiresAt))
                .update();
    }

    /** Deletes the token and keeps its id as revoked, in one statement each of the caller's transaction. */
    boolean delete(Row row, Instant at, String by) {
        if (jdbc.sql("delete from api_tokens where id = ?").param(row.id()).update() == 0) {
            return false;
        }
        jdbc.sql("insert into revoked_api_tokens (id, username, name, revoked_at, revoked_by) values (?, ?, ?, ?, ?)")
                .params(row.id(), row.username(), row.name(), Timestamps.toDb(at), by)
                .update();
        return true;
    }

    Optional<RevokedApiToken> findRevoked(String username, String id) {
        return jdbc.sql("select id, name, revoked_at, revoked_by from revoked_api_tokens where username = ? and id = ?")
                .params(username, id)
                .query((rs, n) -> new RevokedApiToken(
                        rs.getString("id"),
                        rs.getString("name"),
                        instant(rs, "revoked_at"),
                        rs.getString("revoked_by")))
                .optional();
    }

    /** Moves {@code last_used_at} forward only, so instances writing out of order never move it back. */
    void markUsed(String id, Instant at) {
        jdbc.sql("update api_tokens set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)")
                .params(Timestamps.toDb(at), id, Timestamps.toDb(at))
                .update();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getString("id"),
                rs.getString("username"),
                rs.getString("name"),
                rs.getString("secret_hash"),
                instant(rs, "expires_at"),
                instant(rs, "last_used_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Timestamps.fromDb(rs.getObject(column, OffsetDateTime.class));
    }
}
