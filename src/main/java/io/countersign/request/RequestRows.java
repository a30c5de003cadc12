package io.countersign.request;

import io.countersign.directory.Directory;
import io.countersign.shared.Channel;
import io.countersign.shared.Timestamps;
import io.countersign.shared.database.Pipelined;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads stored requests back: the row of each, then the steps with their approver places and the
 * decisions of all of them in two more queries, whatever their number.
 */
@Component
class RequestRows {

    private final JdbcClient jdbc;
    private final Directory directory;

    RequestRows(JdbcClient jdbc, Directory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    /** A stored request row before its steps and decisions are attached. */
    record Row(
            RequestDetails details,
            PlanSnapshot plan,
            RequestStatus status,
            int currentStep,
            Instant closedAt,
            long version) {}

    static final String SELECT = """
            select r.id, r.requester, r.requester_id, r.resource_name, r.account_name, r.duration_seconds,
                   r.starts_at, r.justification, r.ticket, r.policy_name, r.policy_snapshot, r.status,
                   r.current_step, r.created_by, r.created_by_id, r.created_at, r.expires_at, r.closed_at, r.version,
                   r.extends_grant_id, r.break_glass
            from access_requests r""";

    Row row(ResultSet rs, int n) throws SQLException {
        PlanSnapshot plan = StoredPlans.plan(rs.getString("policy_snapshot"));
        RequestDetails details = new RequestDetails(
                rs.getString("id"),
                rs.getString("requester"),
                rs.getString("resource_name"),
                rs.getString("account_name"),
                Duration.ofSeconds(rs.getLong("duration_seconds")),
                instant(rs, "starts_at"),
                rs.getString("justification"),
                rs.getString("ticket"),
                rs.getString("policy_name"),
                rs.getString("created_by"),
                instant(rs, "created_at"),
                instant(rs, "expires_at"),
                rs.getString("requester_id"),
                rs.getString("created_by_id"),
                rs.getString("extends_grant_id"),
                // an extension adds time to a grant whose clock already runs: it never waits for a first use
                rs.getString("extends_grant_id") == null ? plan.claimWindow() : null,
                rs.getBoolean("break_glass"));
        return new Row(
                details,
                plan,
                RequestStatus.valueOf(rs.getString("status")),
                rs.getInt("current_step"),
                instant(rs, "closed_at"),
                rs.getLong("version"));
    }

    /** The snapshot stored as {@code text}, parsed once while it stays among the recent ones. */
    List<AccessRequest> attach(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> ids = rows.stream().map(row -> row.details().id()).toList();
        Map<String, List<StepRow>> steps = jdbc.sql(STEPS + " where s.request_id in (:ids)" + STEPS_ORDER)
                .param("ids", ids)
                .query(RequestRows::stepRows);
        Map<String, List<Decision>> decisions = jdbc.sql(DECISIONS + " where request_id in (:ids) order by id")
                .param("ids", ids)
                .query(RequestRows::decisions);
        return rows.stream().map(row -> assemble(row, steps, decisions)).toList();
    }

    /**
     * One request's row locked for update, then its steps and decisions read after the lock, as
     * queries to run in a pipeline after the locks a change takes before the request's.
     */
    record Locking(
            Pipelined<Optional<Row>> row,
            Pipelined<Map<String, List<StepRow>>> steps,
            Pipelined<Map<String, List<Decision>>> decisions) {

        List<Pipelined<?>> queries() {
            return List.of(row, steps, decisions);
        }
    }

    Locking locking(String id) {
        return locking(id, "for update");
    }

    /**
     * As {@link #locking(String)}, reading no row when another transaction holds it: for a timer,
     * which leaves a request someone else is handling to them and to the next sweep.
     */
    Locking lockingUnlessHeld(String id) {
        return locking(id, "for update skip locked");
    }

    private Locking locking(String id, String lock) {
        return new Locking(
                Pipelined.query(
                        SELECT + " where r.id = ? " + lock,
                        List.of(id),
                        rs -> rs.next() ? Optional.of(row(rs, 0)) : Optional.empty()),
                Pipelined.query(STEPS + " where s.request_id = ?" + STEPS_ORDER, List.of(id), RequestRows::stepRows),
                Pipelined.query(DECISIONS + " where request_id = ? order by id", List.of(id), RequestRows::decisions));
    }

    /** The request a {@link Locking} read, once its pipeline has run. */
    Optional<AccessRequest> locked(Locking locking) {
        return locking.row()
                .answer()
                .map(row -> assemble(
                        row, locking.steps().answer(), locking.decisions().answer()));
    }

    private AccessRequest assemble(Row row, Map<String, List<StepRow>> steps, Map<String, List<Decision>> decisions) {
        String id = row.details().id();
        return new AccessRequest(
                row.details(),
                row.plan().rules(),
                steps.getOrDefault(id, List.of()).stream()
                        .map(step -> step.assemble(row.plan().step(step.index()), this::legacyEscalation))
                        .toList(),
                decisions.getOrDefault(id, List.of()),
                row.status(),
                row.currentStep(),
                row.closedAt(),
                row.version());
    }

    /**
     * A step's row as read, with its eligible approvers sorted by username. A place whose user was
     * deleted before ids were kept has no id and counts for nobody.
     */
    record StepRow(
            String requestId,
            int index,
            String name,
            int requiredApprovals,
            String escalationNames,
            String escalationIds,
            StepStatus status,
            Instant startedAt,
            Instant deadline,
            boolean escalated,
            List<Participant> places) {

        RequestStep assemble(PlanSnapshot.Step planned, Function<PlanSnapshot.Step, List<Participant>> legacy) {
            return new RequestStep(
                    index,
                    name,
                    requiredApprovals,
                    places,
                    planned == null ? null : planned.timeout(),
                    planned == null ? null : planned.onTimeout(),
                    escalationNames == null ? legacy.apply(planned) : participants(escalationNames, escalationIds),
                    planned == null ? null : planned.autoApprovedBecause(),
                    status,
                    startedAt,
                    deadline,
                    escalated,
                    planned == null ? null : planned.notifyChannels(),
                    planned == null ? null : planned.allowedDecisionChannels());
        }
    }

    private static final String STEPS = """
            select s.request_id, s.step_index, s.name, s.required_approvals, s.status,
                   s.escalation_approvers, s.escalation_approver_ids, s.escalated, s.started_at,
                   s.deadline, a.username as place_username, a.user_id as place_user_id
            from request_steps s
            left join request_step_approvers a on a.request_id = s.request_id
                and a.step_index = s.step_index and a.user_id is not null""";

    private static final String STEPS_ORDER = " order by s.request_id, s.step_index, a.username";

    /** The steps of each request, in order, each with its places. */
    private static Map<String, List<StepRow>> stepRows(ResultSet rs) throws SQLException {
        Map<String, List<StepRow>> steps = new LinkedHashMap<>();
        StepRow step = null;
        while (rs.next()) {
            String requestId = rs.getString("request_id");
            int index = rs.getInt("step_index");
            if (step == null || !step.requestId().equals(requestId) || step.index() != index) {
                step = new StepRow(
                        requestId,
                        index,
                        rs.getString("name"),
                        rs.getInt("required_approvals"),
                        rs.getString("escalation_approvers"),
                        rs.getString("escalation_approver_ids"),
                        StepStatus.valueOf(rs.getString("status")),
                        instant(rs, "started_at"),
                        instant(rs, "deadline"),
                        rs.getBoolean("escalated"),
                        new ArrayList<>());
                steps.computeIfAbsent(requestId, k -> new ArrayList<>()).add(step);
            }
            if (rs.getString("place_user_id") != null) {
                step.places().add(new Participant(rs.getString("place_user_id"), rs.getString("place_username")));
            }
        }
        return steps;
    }

    /**
     * The escalation of a step stored before ids were kept: the snapshot's names, resolved to the
     * users who have them now. The next change to the request stores the ids with it.
     */
    private List<Participant> legacyEscalation(PlanSnapshot.Step planned) {
        if (planned == null
                || planned.escalationApprovers() == null
                || planned.escalationApprovers().isEmpty()) {
            return List.of();
        }
        Map<String, String> ids = directory.idsOf(planned.escalationApprovers());
        return planned.escalationApprovers().stream()
                .filter(ids::containsKey)
                .map(name -> new Participant(ids.get(name), name))
                .toList();
    }

    /** The people a step escalates to, from aligned lists of names and ids. */
    private static List<Participant> participants(String usernames, String userIds) {
        if (userIds == null || usernames.isEmpty()) {
            return List.of();
        }
        List<String> names = Arrays.asList(usernames.split(","));
        List<String> idList = Arrays.asList(userIds.split(","));
        List<Participant> found = new ArrayList<>();
        for (int i = 0; i < Math.min(names.size(), idList.size()); i++) {
            found.add(new Participant(idList.get(i), names.get(i)));
        }
        return found;
    }

    private static final String DECISIONS = """
            select request_id, step_index, approver, approver_id, verdict, comment, channel, decided_at,
                   allowed_seconds, on_behalf_of, on_behalf_of_id, withdrawn
            from decisions""";

    private static Map<String, List<Decision>> decisions(ResultSet rs) throws SQLException {
        Map<String, List<Decision>> decisions = new LinkedHashMap<>();
        while (rs.next()) {
            decisions
                    .computeIfAbsent(rs.getString("request_id"), k -> new ArrayList<>())
                    .add(new Decision(
                            rs.getString("approver"),
                            rs.getString("approver_id"),
                            rs.getInt("step_index"),
                            Verdict.valueOf(rs.getString("verdict")),
                            StepTimeout.asWrittenNow(
                                    rs.getInt("step_index"),
                                    Channel.valueOf(rs.getString("channel")),
                                    rs.getString("comment")),
                            Channel.valueOf(rs.getString("channel")),
                            instant(rs, "decided_at"),
                            rs.getObject("allowed_seconds") == null
                                    ? null
                                    : Duration.ofSeconds(rs.getLong("allowed_seconds")),
                            rs.getString("on_behalf_of_id") == null
                                    ? null
                                    : new Participant(rs.getString("on_behalf_of_id"), rs.getString("on_behalf_of")),
                            rs.getString("withdrawn")));
        }
        return decisions;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Timestamps.fromDb(rs.getObject(column, OffsetDateTime.class));
    }
}
