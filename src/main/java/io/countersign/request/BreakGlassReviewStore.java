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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stores break-glass reviews in {@code break_glass_reviews}, their reviewers and emergency list in
 * {@code break_glass_review_people}.
 */
@Component
class BreakGlassReviewStore {

    private static final String REVIEWER = "REVIEWER";
    private static final String NOTIFIED = "NOTIFIED";

    private static final String SELECT = """
            select request_id, requester, requester_id, resource_name, account_name, policy_name, used_at, due_at,
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
                    account_name, policy_name, used_at, due_at, status)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                Arrays.asList(
                        review.requestId(),
                        review.requester(),
                        review.requesterId(),
                        review.resource(),
                        review.account(),
                        review.policy(),
                        Timestamps.toDb(review.usedAt()),
                        Timestamps.toDb(review.dueAt()),
                        review.status().name())));
        List<Object[]> people = new ArrayList<>();
        review.reviewers().forEach(p -> people.add(new Object[] {review.requestId(), REVIEWER, p.id(), p.username()}));
        review.notified().forEach(p -> people.add(new Object[] {review.requestId(), NOTIFIED, p.id(), p.username()}));
        writes.addAll(Pipelined.insert(
                "insert into break_glass_review_people (request_id, person_role, user_id, username)",
                "(?, ?, ?, ?)",
                people));
        commitWrites.runAfterHeld(writes);
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

    /** The reviews of these requests, by request id; requests without one are left out. */
    Map<String, BreakGlassReview> forRequests(Collection<String> requestIds) {
        if (requestIds.isEmpty()) {
            return Map.of();
        }
        Map<String, List<Participant>> reviewers = new HashMap<>();
        Map<String, List<Participant>> notified = new HashMap<>();
        jdbc.sql("""
                        select request_id, person_role, user_id, username from break_glass_review_people
                        where request_id in (:ids) order by request_id, username""").param("ids", requestIds).query(rs -> {
            Map<String, List<Participant>> into = REVIEWER.equals(rs.getString("person_role")) ? reviewers : notified;
            into.computeIfAbsent(rs.getString("request_id"), k -> new ArrayList<>())
                    .add(new Participant(rs.getString("user_id"), rs.getString("username")));
        });
        Map<String, BreakGlassReview> found = new HashMap<>();
        jdbc.sql(SELECT + " where request_id in (:ids)")
                .param("ids", requestIds)
                .query((rs, n) -> row(rs, reviewers, notified))
                .list()
                .forEach(review -> found.put(review.requestId(), review));
        return found;
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
