package io.countersign.request;

import io.countersign.shared.Timestamps;
import io.countersign.shared.database.FreshCache;
import io.countersign.shared.database.ShareLock;
import io.countersign.shared.database.SharedCaches;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stores delegations in {@code delegations}; resource globs one per line. Every creation and every
 * decision asks which delegations are in force: while there are few enough to keep, they are
 * answered from memory, as fresh as a read ({@link FreshCache}), and every change of a delegation
 * marks that memory as changed.
 */
@Component
class DelegationStore {

    private static final String COLUMNS =
            "id, delegator_id, delegator, delegate_id, delegate, starts_at, until_at, resources, ended_at";

    /** Past this many delegations not yet over, the questions go to the database's indexes instead. */
    static final int KEPT_AT_MOST = 1_000;

    /** The delegations not ended and not over at {@code readAt}; empty when there were too many to keep. */
    private record Running(Instant readAt, Optional<List<Delegation>> delegations) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final FreshCache<String, Running> running;
    private final ShareLock shareLock;

    DelegationStore(JdbcClient jdbc, Clock clock, SharedCaches caches, ShareLock shareLock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.shareLock = shareLock;
        // a delegation that ends holds its acknowledgement: nobody approves through it on any instance
        // once its delegator has been told it ended
        this.running = caches.createFresh("delegations", Duration.ofMinutes(1));
    }

    void insert(Delegation d, String createdBy, Instant at) {
        running.changed();
        jdbc.sql("""
                        insert into delegations (id, delegator_id, delegator, delegate_id, delegate, starts_at,
                                                 until_at, resources, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        d.id(),
                        d.delegator().id(),
                        d.delegator().username(),
                        d.delegate().id(),
                        d.delegate().username(),
                        Timestamps.toDb(d.from()),
                        Timestamps.toDb(d.until()),
                        d.resources().isEmpty() ? null : String.join("\n", d.resources()),
                        createdBy,
                        Timestamps.toDb(at))
                .update();
    }

    Optional<Delegation> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from delegations where id = ?")
                .param(id)
                .query(DelegationStore::row)
                .optional();
    }

    /** The user's delegations, as delegator, latest start first. */
    List<Delegation> ofDelegator(String delegatorId) {
        return jdbc.sql("select " + COLUMNS + " from delegations where delegator_id = ? order by starts_at desc, id")
                .param(delegatorId)
                .query(DelegationStore::row)
                .list();
    }

    /** The delegations to this person in force at {@code at}. */
    List<Delegation> inForceTo(String delegateId, Instant at) {
        if (delegateId == null || delegateId.isEmpty()) {
            return List.of();
        }
        Optional<List<Delegation>> kept = runningAt(at);
        if (kept.isPresent()) {
            return kept.get().stream()
                    .filter(d -> d.delegate().id().equals(delegateId) && d.inForceAt(at))
                    .toList();
        }
        return jdbc.sql("select " + COLUMNS + " from delegations where delegate_id = ? and " + IN_FORCE)
                .params(delegateId, Timestamps.toDb(at), Timestamps.toDb(at))
                .query(DelegationStore::row)
                .list();
    }

    /** The delegations from any of these people in force at {@code at}. */
    List<Delegation> inForceFrom(Collection<String> delegatorIds, Instant at) {
        if (delegatorIds.isEmpty()) {
            return List.of();
        }
        Optional<List<Delegation>> kept = runningAt(at);
        if (kept.isPresent()) {
            return kept.get().stream()
                    .filter(d -> delegatorIds.contains(d.delegator().id()) && d.inForceAt(at))
                    .toList();
        }
        return jdbc.sql("select " + COLUMNS + " from delegations where delegator_id in (:ids) and "
                        + IN_FORCE.replace("?", ":at"))
                .param("ids", delegatorIds)
                .param("at", Timestamps.toDb(at))
                .query(DelegationStore::row)
                .list();
    }

    /** Every delegation not ended that runs at some time in [from, until). */
    /**
     * Waits until no other transaction is creating a delegation and holds others off until this one
     * ends: what {@link #overlapping} answers then stays true until the new delegation is written.
     */
    void takeTurn() {
        jdbc.sql("update delegation_turn set taken = taken + 1 where id = 1").update();
    }

    List<Delegation> overlapping(Instant from, Instant until) {
        return jdbc.sql("select " + COLUMNS
                        + " from delegations where ended_at is null and starts_at < ? and until_at > ?")
                .params(Timestamps.toDb(until), Timestamps.toDb(from))
                .query(DelegationStore::row)
                .list();
    }

    /**
     * Ends now every delegation to or from this person that has not ended, in one statement however
     * many there are (a user who leaves), and answers those it ended. They are read locked first, so
     * that none of them ends elsewhere in between (each one answered is one ended here), and the end is
     * dated once they are held: a decision made through one of them, which holds it until it commits,
     * comes before its end.
     */
    List<Delegation> endAllFor(String userId) {
        List<Delegation> ending = jdbc.sql("select " + COLUMNS + " from delegations"
                        + " where (delegator_id = ? or delegate_id = ?) and ended_at is null and until_at > ?"
                        + " order by id for update")
                .params(userId, userId, Timestamps.toDb(clock.instant()))
                .query(DelegationStore::row)
                .list();
        if (ending.isEmpty()) {
            return List.of();
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        running.changed();
        // the same rows, still locked; a person's delegations are far fewer than a statement's parameters
        jdbc.sql("update delegations set ended_at = :at where id in (:ids) and ended_at is null and until_at > :at")
                .param("at", Timestamps.toDb(at))
                .param("ids", ending.stream().map(Delegation::id).toList())
                .update();
        return ending;
    }

    /**
     * Every delegation that may be in force at {@code at}, from memory; empty when they must be asked of
     * the database: too many to keep, or {@code at} earlier than they were read.
     */
    private Optional<List<Delegation>> runningAt(Instant at) {
        Running kept = running.get("", key -> readRunning());
        return at.isBefore(kept.readAt()) ? Optional.empty() : kept.delegations();
    }

    private Running readRunning() {
        Instant now = clock.instant();
        List<Delegation> read = jdbc.sql("select " + COLUMNS
                        + " from delegations where ended_at is null and until_at > ? limit " + (KEPT_AT_MOST + 1))
                .param(Timestamps.toDb(now))
                .query(DelegationStore::row)
                .list();
        return new Running(now, read.size() > KEPT_AT_MOST ? Optional.empty() : Optional.of(read));
    }

    /**
     * These delegations as they are once their rows are held against ending until the transaction
     * ends: a decision made through one of them commits before it ends, or sees it ended.
     */
    List<Delegation> holdAgainstEnding(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from delegations where id in (:ids) order by id " + shareLock.clause())
                .param("ids", ids)
                .query(DelegationStore::row)
                .list();
    }

    /**
     * Holds the delegation's row for its end, waiting for the decisions made through it; false when
     * there is none.
     */
    boolean holdForEnd(String id) {
        return !jdbc.sql("select id from delegations where id = ? for update")
                .param(id)
                .query(String.class)
                .list()
                .isEmpty();
    }

    /** Ends the delegation at {@code at}; false when it had already ended. */
    boolean end(String id, Instant at) {
        running.changed();
        return jdbc.sql("update delegations set ended_at = ? where id = ? and ended_at is null and until_at > ?")
                        .params(Timestamps.toDb(at), id, Timestamps.toDb(at))
                        .update()
                > 0;
    }

    /** Records a delegation past its {@code until} as ended then; false when it is not over or already ended. */
    boolean endAtUntil(String id, Instant now) {
        running.changed();
        return jdbc.sql(
                                "update delegations set ended_at = until_at where id = ? and ended_at is null and until_at <= ?")
                        .params(id, Timestamps.toDb(now))
                        .update()
                > 0;
    }

    private static final String IN_FORCE = "ended_at is null and starts_at <= ? and until_at > ?";

    private static Delegation row(ResultSet rs, int n) throws SQLException {
        String resources = rs.getString("resources");
        return new Delegation(
                rs.getString("id"),
                new Participant(rs.getString("delegator_id"), rs.getString("delegator")),
                new Participant(rs.getString("delegate_id"), rs.getString("delegate")),
                instant(rs, "starts_at"),
                instant(rs, "until_at"),
                resources == null ? List.of() : Arrays.asList(resources.split("\n")),
                instant(rs, "ended_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Timestamps.fromDb(rs.getObject(column, OffsetDateTime.class));
    }
}
