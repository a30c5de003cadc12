package io.countersign.request;

import io.countersign.shared.Timestamps;
import io.countersign.shared.database.CommitWrites;
import io.countersign.shared.database.Pipelined;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stores break-glass reviews in {@code break_glass_reviews}, their reviewers in {@code
 * break_glass_review_people}, and whom each use told, reviewed or not, in {@code break_glass_notified}.
 */
@Component
class BreakGlassReviewStore {

    private static final String REVIEWER = "REVIEWER";

    private static final String SELECT = """
            select request_id, requester, requester_id, resource_name, account_name, policy_name, grant_id, used_at, due_at,
                   status, reviewed_by, reviewed_by_id, on_behalf_of, on_behalf_of_id, reviewed_at, review_comment, late
            from break_glass_reviews""";

    private final JdbcClient jdbc;
    private final CommitWrites commitWrites;

    BreakGlassReviewStore(JdbcClient jdbc, CommitWrites commitWrites) {
        this.jdbc = jdbc;
        this.commitWrites = commitWrites;
    }

    /** Inserts the review and its people, after the transaction's held writes, which may hold its request. */
    void insert(BreakGlassReview review) {
        List<Pipelined<?>> writes = new ArrayList<>();
        writes.add(Pipelined.change(
                """
                insert into break_glass_reviews (request_id, requester, requester_id, resource_name,
                    account_name, policy_name, grant_id, used_at, due_at, status)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                Arrays.asList(
                        review.requestId(),
                        review.requester(),
                        review.requesterId(),
                        review.resource(),
                        review.account(),
                        review.policy(),
                        review.grantId(),
                        Timestamps.toDb(review.usedAt()),
                        Timestamps.toDb(review.dueAt()),
                        review.status().name())));
        List<Object[]> people = new ArrayList<>();
        review.reviewers().forEach(p -> people.add(new Object[] {review.requestId(), REVIEWER, p.id(), p.username()}));
        writes.addAll(Pipelined.insert(
                "insert into break_glass_review_people (request_id, person_role, user_id, username)",
                "(?, ?, ?, ?)",
                people));
        writes.addAll(notifiedRows(review.requestId(), review.notified()));
        commitWrites.runAfterHeld(writes);
    }

    /** Inserts whom a use that opened no review told, after the transaction's held writes. */
    void insertNotified(String requestId, List<Participant> notified) {
        // nothing to write need not flush what the transaction holds
        if (!notified.isEmpty()) {
            commitWrites.runAfterHeld(notifiedRows(requestId, notified));
        }
    }

    /** Those of these requests whose use told the user with this id. */
    Set<String> toldOf(String userId, Collection<String> requestIds) {
        if (userId.isEmpty() || requestIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                        select request_id from break_glass_notified
                        where user_id = :me and request_id in (:ids)""")
                .param("me", userId)
                .param("ids", requestIds)
                .query(String.class)
                .list());
    }

    private static List<Pipelined<?>> notifiedRows(String requestId, List<Participant> notified) {
        List<Object[]> rows = new ArrayList<>();
        notified.forEach(p -> rows.add(new Object[] {requestId, p.id(), p.username()}));
        return Pipelined.insert("insert into break_glass_notified (request_id, user_id, username)", "(?, ?, ?)", rows);
    }

    /** Writes what a review or a deadline changed. */
    void update(BreakGlassReview review) {
        jdbc.sql("""
                        update break_glass_reviews set status = ?, reviewed_by = ?, reviewed_by_id = ?,
                            on_behalf_of = ?, on_behalf_of_id = ?, reviewed_at = ?, review_comment = ?, late = ?
                        where request_id = ?""")
                .params(
                        review.status().name(),
                        review.reviewedBy() == null ? null : review.reviewedBy().username(),
                        review.reviewedBy() == null ? null : review.reviewedBy().id(),
                        review.onBehalfOf() == null ? null : review.onBehalfOf().username(),
                        review.onBehalfOf() == null ? null : review.onBehalfOf().id(),
                        review.reviewedAt() == null ? null : Timestamps.toDb(review.reviewedAt()),
                        review.comment(),
                        review.late(),
                        review.requestId())
                .update();
    }

    Optional<BreakGlassReview> find(String requestId) {
        return forRequests(List.of(requestId)).values().stream().findFirst();
    }

    /** The review under its row lock, so that a review, the deadline task and the sweep take turns. */
    Optional<BreakGlassReview> lock(String requestId) {
        return jdbc.sql("select request_id from break_glass_reviews where request_id = ? for update")
                .param(requestId)
                .query(String.class)
                .optional()
                .flatMap(this::find);
    }

    /**
     * The reviews of these requests, by request id; requests without one are left out. They are read
     * {@value #READ_AT_ONCE} at a time: a reviewer's reviews not yet done ({@link #unreviewedFor}) are
     * as many as nobody did, and PostgreSQL takes at most 65,535 parameters in one statement.
     */
    Map<String, BreakGlassReview> forRequests(Collection<String> requestIds) {
        List<String> ordered = List.copyOf(requestIds);
        Map<String, BreakGlassReview> found = new HashMap<>();
        for (int from = 0; from < ordered.size(); from += READ_AT_ONCE) {
            found.putAll(readAtOnce(ordered.subList(from, Math.min(ordered.size(), from + READ_AT_ONCE))));
        }
        return found;
    }

    // one parameter per id in each of the three queries
    private static final int READ_AT_ONCE = 1000;

    private Map<String, BreakGlassReview> readAtOnce(List<String> requestIds) {
        Map<String, List<Participant>> reviewers = people("""
                select request_id, user_id, username from break_glass_review_people
                where person_role = 'REVIEWER' and request_id in (:ids)""", requestIds);
        Map<String, List<Participant>> notified = people("""
                select request_id, user_id, username from break_glass_notified
                where request_id in (:ids)""", requestIds);
        Map<String, BreakGlassReview> found = new HashMap<>();
        jdbc.sql(SELECT + " where request_id in (:ids)")
                .param("ids", requestIds)
                .query((rs, n) -> row(rs, reviewers, notified))
                .list()
                .forEach(review -> found.put(review.requestId(), review));
        return found;
    }

    /** The reviews not reviewed yet (pending or overdue) that name this user a reviewer, soonest due first. */
    List<BreakGlassReview> unreviewedFor(String reviewerId) {
        List<String> ids = jdbc.sql("""
                        select r.request_id from break_glass_reviews r
                        join break_glass_review_people p on p.request_id = r.request_id and p.person_role = 'REVIEWER'
                        where p.user_id = ? and r.status <> 'REVIEWED'
                        order by r.due_at, r.request_id""").param(reviewerId).query(String.class).list();
        Map<String, BreakGlassReview> found = forRequests(ids);
        return ids.stream().map(found::get).toList();
    }

    /** The ids of reviews still pending at their deadline, soonest first, up to {@code limit}. */
    List<String> pendingDueBy(Instant at, int limit) {
        return jdbc.sql("""
                        select request_id from break_glass_reviews where status = 'PENDING' and due_at <= ?
                        order by due_at limit ?""")
                .params(Timestamps.toDb(at), limit)
                .query(String.class)
                .list();
    }

    private Map<String, List<Participant>> people(String select, Collection<String> requestIds) {
        Map<String, List<Participant>> people = new HashMap<>();
        jdbc.sql(select).param("ids", requestIds).query(rs -> {
            people.computeIfAbsent(rs.getString("request_id"), k -> new ArrayList<>())
                    .add(new Participant(rs.getString("user_id"), rs.getString("username")));
        });
        // in the order the use listed them (by username, as Java compares), not the database collation's:
        // the first reviewer a delegate may stand in for is the one they were asked for
        people.values().forEach(list -> list.sort(Comparator.comparing(Participant::username)));
        return people;
    }

    private static BreakGlassReview row(
            ResultSet rs, Map<String, List<Participant>> reviewers, Map<String, List<Participant>> notified)
            throws SQLException {
        String id = rs.getString("request_id");
        return new BreakGlassReview(
                id,
                rs.getString("requester"),
                rs.getString("requester_id"),
                rs.getString("resource_name"),
                rs.getString("account_name"),
                rs.getString("policy_name"),
                rs.getString("grant_id"),
                instant(rs, "used_at"),
                reviewers.getOrDefault(id, List.of()),
                notified.getOrDefault(id, List.of()),
                instant(rs, "due_at"),
                BreakGlassReviewStatus.valueOf(rs.getString("status")),
                participant(rs, "reviewed_by"),
                participant(rs, "on_behalf_of"),
                instant(rs, "reviewed_at"),
                rs.getString("review_comment"),
                rs.getBoolean("late"));
    }

    private static Participant participant(ResultSet rs, String column) throws SQLException {
        String name = rs.getString(column);
        String id = rs.getString(column + "_id");
        return name == null || id == null ? null : new Participant(id, name);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Timestamps.fromDb(rs.getObject(column, OffsetDateTime.class));
    }
}
