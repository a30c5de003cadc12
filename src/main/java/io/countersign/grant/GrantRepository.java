package io.countersign.grant;

import io.countersign.shared.Timestamps;
import io.countersign.shared.database.CommitWrites;
import io.countersign.shared.database.NotificationFence;
import io.countersign.shared.database.Pipelined;
import io.countersign.shared.database.TransactionCache;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores grants; every read states the grant's status as of the instant it is given. */
@Repository
class GrantRepository {

    private static final String SELECT = """
            select id, request_id, username, holder_id, resource_name, account_name, starts_at, ends_at, status,
                   revoked_at, revoked_by, revoke_reason, clock_started_at, first_use_seconds
            from grants""";

    private static final String HELD_NOT_REVOKED = """
            select g.id, g.request_id, u.username, g.holder_id, g.resource_name, g.account_name,
                   g.starts_at, g.ends_at, g.status, g.revoked_at, g.revoked_by, g.revoke_reason,
                   g.clock_started_at, g.first_use_seconds
            from grants g join users u on u.id = g.holder_id
            where g.status <> 'REVOKED'""";

    private static final String NOT_ENDED = HELD_NOT_REVOKED + " and g.ends_at > ?";

    /**
     * How long after its claim window closed a grant never claimed is still read for its key: a check
     * just before the close may have claimed it and not yet committed (see {@link #awaitClaim}). A
     * claim is one short transaction, run within the access check's bounded-call deadline.
     */
    static final Duration CLAIM_IN_FLIGHT = Duration.ofMinutes(1);

    private final JdbcClient jdbc;

    /**
     * The grants this transaction issued, by request: they are written with its last writes, and an
     * answer given in the same transaction finds them here rather than reading them back after it.
     */
    private final TransactionCache<String, Grant> issued = new TransactionCache<>("issued grants");

    private final NotificationFence fence;
    private final CommitWrites commitWrites;

    GrantRepository(JdbcClient jdbc, NotificationFence fence, CommitWrites commitWrites) {
        this.jdbc = jdbc;
        this.fence = fence;
        this.commitWrites = commitWrites;
    }

    /**
     * Inserts a new grant with the transaction's last writes: nothing in the transaction that issues
     * it reads it back, and no row refers to it.
     */
    void insert(Grant grant) {
        commitWrites.add(List.of(Pipelined.change(
                """
                insert into grants (id, request_id, username, holder_id, resource_name, account_name,
                                    starts_at, ends_at, status, first_use_seconds, version)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""",
                Arrays.asList(
                        grant.id(),
                        grant.requestId(),
                        grant.user(),
                        grant.holderId(),
                        grant.resource(),
                        grant.account(),
                        Timestamps.toDb(grant.startsAt()),
                        Timestamps.toDb(grant.endsAt()),
                        grant.status().name(),
                        grant.firstUseDuration() == null
                                ? null
                                : grant.firstUseDuration().toSeconds()))));
        issued.map().put(grant.requestId(), grant);
    }

    /**
     * Starts the clock of a grant waiting for its first use, if nothing started it yet: one
     * conditional update, so that of two checks at the same moment, on any instances, exactly one
     * starts it (the other's update waits for the row and then matches nothing). Returns whether
     * this call started it.
     */
    boolean startClock(Grant started) {
        return jdbc.sql("""
                                update grants set status = 'ACTIVE', clock_started_at = ?, starts_at = ?, ends_at = ?,
                                                  version = version + 1
                                where id = ? and clock_started_at is null and status = 'APPROVED_UNUSED'
                                  and ends_at > ?""")
                        .params(
                                Timestamps.toDb(started.clockStartedAt()),
                                Timestamps.toDb(started.startsAt()),
                                Timestamps.toDb(started.endsAt()),
                                started.id(),
                                Timestamps.toDb(started.clockStartedAt()))
                        .update()
                == 1;
    }

    Optional<Grant> find(String id, Instant now) {
        return jdbc.sql(SELECT + " where id = ?")
                .param(id)
                .query((rs, n) -> grant(rs, now))
                .optional();
    }

    /** Loads a grant and locks its row so that two revocations cannot both succeed. */
    Optional<Grant> lock(String id, Instant now) {
        return jdbc.sql(SELECT + " where id = ? for update")
                .param(id)
                .query((rs, n) -> grant(rs, now))
                .optional();
    }

    List<Grant> forRequests(Collection<String> requestIds, Instant now) {
        Map<String, Grant> mine = issued.map();
        List<Grant> found = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String requestId : requestIds) {
            Grant grant = mine.get(requestId);
            if (grant != null) {
                found.add(grant.asOf(now));
            } else {
                unknown.add(requestId);
            }
        }
        if (!unknown.isEmpty()) {
            found.addAll(jdbc.sql(SELECT + " where request_id in (:ids)")
                    .param("ids", unknown)
                    .query((rs, n) -> grant(rs, now))
                    .list());
        }
        return found;
    }

    /** Moves a grant's end; the access check reads the new end at once. */
    void moveEnd(String id, Instant endsAt) {
        // checks may allow from a view up to moments old, which still has the old end: whoever is told
        // of the new end is told once no check can answer with the old one
        fence.holdAcknowledgement();
        jdbc.sql("update grants set ends_at = ?, version = version + 1 where id = ?")
                .params(Timestamps.toDb(endsAt), id)
                .update();
    }

    void revoke(String id, Instant at, String by, String reason) {
        // checks elsewhere may allow from a view up to moments old: the revoke is acknowledged once none can
        fence.holdAcknowledgement();
        jdbc.sql("""
                        update grants set status = 'REVOKED', revoked_at = ?, revoked_by = ?, revoke_reason = ?,
                                          version = version + 1
                        where id = ?""").params(Timestamps.toDb(at), by, reason, id).update();
    }

    /**
     * The grants not yet ended nor revoked of the user who has this name now (by id, so a later user
     * given a deleted user's name holds nothing) for this account, in one query: the access check
     * picks the one in force at {@code now} among them (see {@link GrantIndex#inForce}), and keeps them
     * in its index. A range scan of the {@code grants_holder_lookup} index. Grants never claimed whose
     * claim window closed within {@link #CLAIM_IN_FLIGHT} come with them, ended as of {@code now}.
     */
    List<Grant> notEndedFor(String username, String resource, String account, Instant now) {
        return jdbc.sql(HELD_NOT_REVOKED + """
                         and u.username = ? and g.resource_name = ? and g.account_name = ?
                         and g.ends_at > ?
                         and (g.ends_at > ? or (g.status = 'APPROVED_UNUSED' and g.clock_started_at is null))""")
                .params(username, resource, account, Timestamps.toDb(now.minus(CLAIM_IN_FLIGHT)), Timestamps.toDb(now))
                .query((rs, n) -> grant(rs, now))
                .list();
    }

    /**
     * Returns once no transaction holds the claim of this grant uncommitted: a claim's conditional
     * update keeps the row locked until it commits or rolls back, and a lock taken here waits for
     * that. The lock is released at once, the statement being a transaction of its own (FOR UPDATE
     * rather than FOR SHARE, which H2 does not know).
     */
    void awaitClaim(String id) {
        jdbc.sql("select id from grants where id = ? for update")
                .param(id)
                .query(String.class)
                .optional();
    }

    /** Every grant not yet ended nor revoked whose holder still has the name it was granted under: the index's full load. */
    List<Grant> allNotEnded(Instant now) {
        return jdbc.sql(NOT_ENDED)
                .params(Timestamps.toDb(now))
                .query((rs, n) -> grant(rs, now))
                .list();
    }

    /**
     * A grant of this holder in force at {@code now} whose clock already runs: a grant waiting for its
     * first use is only started when nothing else allows the access.
     */
    Optional<Grant> runningFor(String holderId, String resource, String account, Instant now) {
        return jdbc.sql(SELECT + """
                         where holder_id = ? and resource_name = ? and account_name = ?
                          and ends_at > ? and starts_at <= ? and status not in ('REVOKED', 'APPROVED_UNUSED')
                        order by ends_at desc limit 1""")
                .params(holderId, resource, account, Timestamps.toDb(now), Timestamps.toDb(now))
                .query((rs, n) -> grant(rs, now))
                .optional();
    }

    /**
     * The ids of the grants not yet ended or revoked that {@code where} selects (a condition on the
     * grants table), locked so that a concurrent revocation waits and then finds them revoked.
     */
    List<String> lockUnended(String where, Instant now, Object... params) {
        Object[] all = new Object[params.length + 1];
        System.arraycopy(params, 0, all, 0, params.length);
        all[params.length] = Timestamps.toDb(now);
        return jdbc.sql("select id from grants where " + where + " and status <> 'REVOKED' and ends_at > ?"
                        + " order by id for update")
                .params(all)
                .query(String.class)
                .list();
    }

    List<Grant> query(String whereAndOrder, Map<String, Object> params, Instant now) {
        return jdbc.sql(SELECT + " " + whereAndOrder)
                .params(params)
                .query((rs, n) -> grant(rs, now))
                .list();
    }

    private static Grant grant(ResultSet rs, Instant now) throws SQLException {
        Instant startsAt = instant(rs, "starts_at");
        Instant endsAt = instant(rs, "ends_at");
        return new Grant(
                rs.getString("id"),
                rs.getString("request_id"),
                rs.getString("username"),
                rs.getString("resource_name"),
                rs.getString("account_name"),
                startsAt,
                endsAt,
                GrantStatus.at(GrantStatus.valueOf(rs.getString("status")), startsAt, endsAt, now),
                instant(rs, "revoked_at"),
                rs.getString("revoked_by"),
                rs.getString("revoke_reason"),
                rs.getString("holder_id"),
                instant(rs, "clock_started_at"),
                duration(rs.getObject("first_use_seconds", Long.class)));
    }

    private static Duration duration(Long seconds) {
        return seconds == null ? null : Duration.ofSeconds(seconds);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Timestamps.fromDb(rs.getObject(column, OffsetDateTime.class));
    }
}
