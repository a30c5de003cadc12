package io.countersign.request;

import io.countersign.directory.Directory;
import io.countersign.shared.Channel;
import io.countersign.shared.ConflictException;
import io.countersign.shared.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores requests in {@code access_requests}, their step snapshots in {@code request_steps} (with one
 * {@code request_step_approvers} row per eligible person, for "what waits on me") and their decisions.
 */
@Repository
class RequestRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Directory directory;

    RequestRepository(JdbcClient jdbc, Directory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    /** A stored request row before its steps and decisions are attached. */
    private record Row(
            RequestDetails details,
            PlanSnapshot plan,
            RequestStatus status,
            int currentStep,
            Instant closedAt,
            long version) {}

    void insert(AccessRequest request, PlanSnapshot plan, String idempotencyKey, String fingerprint) {
        RequestDetails d = request.details();
        jdbc.sql("""
                        insert into access_requests (id, requester, requester_id, resource_name, account_name,
                            duration_seconds, starts_at, justification, ticket, policy_name, policy_snapshot, status,
                            current_step, created_by, created_by_id, idempotency_key, idempotency_fingerprint,
                            allow_self_approval, distinct_approvers, created_at, expires_at, closed_at,
                            extends_grant_id, break_glass, version)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
                .params(
                        d.id(),
                        d.requester(),
                        d.requesterId(),
                        d.resource(),
                        d.account(),
                        d.duration().getSeconds(),
                        Timestamps.toDb(d.startsAt()),
                        d.justification(),
                        d.ticket(),
                        d.policyName(),
                        JSON.writeValueAsString(plan),
                        request.status().name(),
                        request.currentStep(),
                        d.createdBy(),
                        d.createdById(),
                        idempotencyKey,
                        fingerprint,
                        request.rules().allowSelfApproval(),
                        request.rules().distinctApproversAcrossSteps(),
                        Timestamps.toDb(d.createdAt()),
                        Timestamps.toDb(d.expiresAt()),
                        Timestamps.toDb(request.closedAt()),
                        d.extendsGrant(),
                        d.breakGlass())
                .update();
        for (RequestStep step : request.steps()) {
            jdbc.sql("""
                            insert into request_steps (request_id, step_index, name, required_approvals, status,
                                eligible_approvers, escalation_approvers, escalation_approver_ids, escalated,
                                started_at, deadline)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            d.id(),
                            step.index(),
                            step.name(),
                            step.requiredApprovals(),
                            step.status().name(),
                            String.join(",", step.eligibleApprovers()),
                            String.join(",", step.escalationApprovers()),
                            ids(step.escalation()),
                            step.escalated(),
                            Timestamps.toDb(step.startedAt()),
                            Timestamps.toDb(step.deadline()))
                    .update();
            for (Participant approver : step.approvers()) {
                jdbc.sql("""
                                insert into request_step_approvers (request_id, step_index, username, user_id)
                                values (?, ?, ?, ?)""")
                        .params(d.id(), step.index(), approver.username(), approver.id())
                        .update();
            }
        }
        insertDecisions(d.id(), request.newDecisions());
    }

    /**
     * Writes the state a transition changed. The caller holds the row lock taken by {@link
     * #lock(String)}; the version check is a second guard against a writer that did not.
     */
    void update(AccessRequest request) {
        int updated = jdbc.sql("""
                        update access_requests set status = ?, current_step = ?, closed_at = ?, version = version + 1
                        where id = ? and version = ?""")
                .params(
                        request.status().name(),
                        request.currentStep(),
                        Timestamps.toDb(request.closedAt()),
                        request.id(),
                        request.version())
                .update();
        if (updated != 1) {
            throw new ConflictException("Request " + request.id() + " changed at the same time; try again.");
        }
        for (RequestStep step : request.steps()) {
            jdbc.sql("""
                            update request_steps set status = ?, started_at = ?, deadline = ?, escalated = ?,
                                                     eligible_approvers = ?, escalation_approvers = ?,
                                                     escalation_approver_ids = ?
                            where request_id = ? and step_index = ?""")
                    .params(
                            step.status().name(),
                            Timestamps.toDb(step.startedAt()),
                            Timestamps.toDb(step.deadline()),
                            step.escalated(),
                            String.join(",", step.eligibleApprovers()),
                            String.join(",", step.escalationApprovers()),
                            ids(step.escalation()),
                            request.id(),
                            step.index())
                    .update();
            if (step.escalated()) {
                // an escalation widens the step: the added approvers must find it waiting on them too
                for (Participant approver : step.approvers()) {
                    jdbc.sql("""
                                    insert into request_step_approvers (request_id, step_index, username, user_id)
                                    select ?, ?, ?, ? where not exists (select 1 from request_step_approvers
                                        where request_id = ? and step_index = ? and user_id = ?)""")
                            .params(
                                    request.id(),
                                    step.index(),
                                    approver.username(),
                                    approver.id(),
                                    request.id(),
                                    step.index(),
                                    approver.id())
                            .update();
                }
            }
        }
        for (String withdrawn : request.withdrawnApprovers()) {
            // only the steps still to be decided lose the place; decided steps keep it as history
            jdbc.sql("""
                            delete from request_step_approvers where request_id = ? and user_id = ? and step_index >= ?""").params(request.id(), withdrawn, request.currentStep()).update();
        }
        insertDecisions(request.id(), request.newDecisions());
    }

    /** The extension request pending for this grant, if any. */
    Optional<String> pendingExtensionOf(String grantId) {
        return jdbc.sql("select id from access_requests where extends_grant_id = ? and status = 'PENDING'")
                .param(grantId)
                .query(String.class)
                .optional();
    }

    /** Loads a request and locks its row until the transaction ends, serialising decisions on it. */
    Optional<AccessRequest> lock(String id) {
        return jdbc.sql(SELECT + " where r.id = ? for update")
                .param(id)
                .query(this::row)
                .optional()
                .map(row -> attach(List.of(row)).get(0));
    }

    Optional<AccessRequest> find(String id) {
        return jdbc.sql(SELECT + " where r.id = ?")
                .param(id)
                .query(this::row)
                .optional()
                .map(row -> attach(List.of(row)).get(0));
    }

    /** The request a caller created with an idempotency key, with the fingerprint of its body. */
    Optional<Map.Entry<String, String>> findByIdempotencyKey(String createdById, String key) {
        return jdbc.sql("""
                        select id, idempotency_fingerprint from access_requests
                        where created_by_id = ? and idempotency_key = ?""")
                .params(createdById, key)
                .query((rs, n) ->
                        Map.entry(rs.getString("id"), String.valueOf(rs.getString("idempotency_fingerprint"))))
                .optional();
    }

    /** Runs a listing query whose select list is {@link #SELECT}'s and attaches steps and decisions in bulk. */
    List<AccessRequest> query(String whereAndOrder, Map<String, Object> params) {
        List<Row> rows = jdbc.sql(SELECT + " " + whereAndOrder)
                .params(params)
                .query(this::row)
                .list();
        return attach(rows);
    }

    static final String SELECT = """
            select r.id, r.requester, r.requester_id, r.resource_name, r.account_name, r.duration_seconds,
                   r.starts_at, r.justification, r.ticket, r.policy_name, r.policy_snapshot, r.status,
                   r.current_step, r.created_by, r.created_by_id, r.created_at, r.expires_at, r.closed_at, r.version,
                   r.extends_grant_id, r.break_glass
            from access_requests r""";

    private Row row(ResultSet rs, int n) throws SQLException {
        PlanSnapshot plan = JSON.readValue(rs.getString("policy_snapshot"), PlanSnapshot.class);
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

    private List<AccessRequest> attach(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> ids = rows.stream().map(row -> row.details().id()).toList();
        Map<String, List<RequestStep>> steps = stepsOf(ids, rows);
        Map<String, List<Decision>> decisions = decisionsOf(ids);
        List<AccessRequest> requests = new ArrayList<>(rows.size());
        for (Row row : rows) {
            String id = row.details().id();
            requests.add(AccessRequest.restore(
                    row.details(),
                    row.plan().rules(),
                    steps.getOrDefault(id, List.of()),
                    decisions.getOrDefault(id, List.of()),
                    row.status(),
                    row.currentStep(),
                    row.closedAt(),
                    row.version()));
        }
        return requests;
    }

    private Map<String, List<RequestStep>> stepsOf(List<String> ids, List<Row> rows) {
        Map<String, PlanSnapshot> plans = new LinkedHashMap<>();
        rows.forEach(row -> plans.put(row.details().id(), row.plan()));
        Map<String, List<Participant>> places = placesOf(ids);
        Map<String, List<RequestStep>> steps = new LinkedHashMap<>();
        jdbc.sql("""
                        select request_id, step_index, name, required_approvals, status, escalation_approvers,
                               escalation_approver_ids, escalated, started_at, deadline
                        from request_steps where request_id in (:ids) order by request_id, step_index""").param("ids", ids).query(rs -> {
            String requestId = rs.getString("request_id");
            int index = rs.getInt("step_index");
            PlanSnapshot.Step planned = plans.get(requestId).step(index);
            steps.computeIfAbsent(requestId, k -> new ArrayList<>())
                    .add(new RequestStep(
                            index,
                            rs.getString("name"),
                            rs.getInt("required_approvals"),
                            places.getOrDefault(requestId + "/" + index, List.of()),
                            planned == null ? null : planned.timeout(),
                            planned == null ? null : planned.onTimeout(),
                            rs.getString("escalation_approvers") == null
                                    ? legacyEscalation(planned)
                                    : participants(
                                            rs.getString("escalation_approvers"),
                                            rs.getString("escalation_approver_ids")),
                            planned == null ? null : planned.autoApprovedBecause(),
                            StepStatus.valueOf(rs.getString("status")),
                            instant(rs, "started_at"),
                            instant(rs, "deadline"),
                            rs.getBoolean("escalated"),
                            planned == null ? null : planned.notifyChannels(),
                            planned == null ? null : planned.allowedDecisionChannels()));
        });
        return steps;
    }

    /**
     * The eligible approvers of each step, keyed {@code requestId/stepIndex}, sorted by username. A
     * place whose user was deleted before ids were kept has no id and counts for nobody.
     */
    private Map<String, List<Participant>> placesOf(List<String> ids) {
        Map<String, List<Participant>> places = new LinkedHashMap<>();
        jdbc.sql("""
                        select request_id, step_index, username, user_id from request_step_approvers
                        where request_id in (:ids) and user_id is not null
                        order by request_id, step_index, username""").param("ids", ids).query(rs -> {
            places.computeIfAbsent(rs.getString("request_id") + "/" + rs.getInt("step_index"), k -> new ArrayList<>())
                    .add(new Participant(rs.getString("user_id"), rs.getString("username")));
        });
        return places;
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

    private static String ids(List<Participant> people) {
        return String.join(",", people.stream().map(Participant::id).toList());
    }

    private Map<String, List<Decision>> decisionsOf(Collection<String> ids) {
        Map<String, List<Decision>> decisions = new LinkedHashMap<>();
        jdbc.sql("""
                        select request_id, step_index, approver, approver_id, verdict, comment, channel, decided_at,
                               allowed_seconds, on_behalf_of, on_behalf_of_id
                        from decisions where request_id in (:ids) order by id""").param("ids", ids).query(rs -> {
            decisions
                    .computeIfAbsent(rs.getString("request_id"), k -> new ArrayList<>())
                    .add(new Decision(
                            rs.getString("approver"),
                            rs.getString("approver_id"),
                            rs.getInt("step_index"),
                            Verdict.valueOf(rs.getString("verdict")),
                            rs.getString("comment"),
                            Channel.valueOf(rs.getString("channel")),
                            instant(rs, "decided_at"),
                            rs.getObject("allowed_seconds") == null
                                    ? null
                                    : Duration.ofSeconds(rs.getLong("allowed_seconds")),
                            rs.getString("on_behalf_of_id") == null
                                    ? null
                                    : new Participant(rs.getString("on_behalf_of_id"), rs.getString("on_behalf_of"))));
        });
        return decisions;
    }

    private void insertDecisions(String requestId, List<Decision> decisions) {
        for (Decision decision : decisions) {
            jdbc.sql("""
                            insert into decisions (request_id, step_index, approver, approver_id, verdict, comment,
                                                   channel, decided_at, allowed_seconds, on_behalf_of,
                                                   on_behalf_of_id)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            requestId,
                            decision.step(),
                            decision.approver(),
                            decision.approverId(),
                            decision.verdict().name(),
                            decision.comment(),
                            decision.channel().name(),
                            Timestamps.toDb(decision.at()),
                            decision.allowed() == null
                                    ? null
                                    : decision.allowed().getSeconds(),
                            decision.onBehalfOf() == null
                                    ? null
                                    : decision.onBehalfOf().username(),
                            decision.onBehalfOf() == null
                                    ? null
                                    : decision.onBehalfOf().id())
                    .update();
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Timestamps.fromDb(rs.getObject(column, OffsetDateTime.class));
    }
}
