package io.countersign.request;

import io.countersign.directory.Directory;
import io.countersign.shared.Channel;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads stored requests back: the row of each, then the steps with their approver places and the
 * decisions of all of them in two more queries, whatever their number.
 */
@Component
class RequestRows {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    List<AccessRequest> attach(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> ids = rows.stream().map(row -> row.details().id()).toList();
        Map<String, List<RequestStep>> steps = stepsOf(ids, rows);
        Map<String, List<Decision>> decisions = decisionsOf(ids);
        List<AccessRequest> requests = new ArrayList<>(rows.size());
        for (Row row : rows) {
            String id = row.details().id();
            requests.add(new AccessRequest(
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

    /** A step's row as read, before its approvers are all collected. */
    private record StepRow(
            String requestId,
            int index,
            String name,
            int requiredApprovals,
            List<Participant> escalation,
            StepStatus status,
            Instant startedAt,
            Instant deadline,
            boolean escalated,
            List<Participant> places) {}

    /**
     * The steps of the requests with their eligible approvers, sorted by username, in one query. A
     * place whose user was deleted before ids were kept has no id and counts for nobody.
     */
    private Map<String, List<RequestStep>> stepsOf(List<String> ids, List<Row> rows) {
        Map<String, PlanSnapshot> plans = new LinkedHashMap<>();
        rows.forEach(row -> plans.put(row.details().id(), row.plan()));
        Map<String, StepRow> read = new LinkedHashMap<>();
        jdbc.sql("""
                        select s.request_id, s.step_index, s.name, s.required_approvals, s.status,
                               s.escalation_approvers, s.escalation_approver_ids, s.escalated, s.started_at,
                               s.deadline, a.username as place_username, a.user_id as place_user_id
                        from request_steps s
                        left join request_step_approvers a on a.request_id = s.request_id
                            and a.step_index = s.step_index and a.user_id is not null
                        where s.request_id in (:ids)
                        order by s.request_id, s.step_index, a.username""").param("ids", ids).query(rs -> {
            String requestId = rs.getString("request_id");
            int index = rs.getInt("step_index");
            StepRow step = read.get(requestId + "/" + index);
            if (step == null) {
                PlanSnapshot.Step planned = plans.get(requestId).step(index);
                step = new StepRow(
                        requestId,
                        index,
                        rs.getString("name"),
                        rs.getInt("required_approvals"),
                        rs.getString("escalation_approvers") == null
                                ? legacyEscalation(planned)
                                : participants(
                                        rs.getString("escalation_approvers"), rs.getString("escalation_approver_ids")),
                        StepStatus.valueOf(rs.getString("status")),
                        instant(rs, "started_at"),
                        instant(rs, "deadline"),
                        rs.getBoolean("escalated"),
                        new ArrayList<>());
                read.put(requestId + "/" + index, step);
            }
            if (rs.getString("place_user_id") != null) {
                step.places().add(new Participant(rs.getString("place_user_id"), rs.getString("place_username")));
            }
        });
        Map<String, List<RequestStep>> steps = new LinkedHashMap<>();
        for (StepRow step : read.values()) {
            PlanSnapshot.Step planned = plans.get(step.requestId()).step(step.index());
            steps.computeIfAbsent(step.requestId(), k -> new ArrayList<>())
                    .add(new RequestStep(
                            step.index(),
                            step.name(),
                            step.requiredApprovals(),
                            step.places(),
                            planned == null ? null : planned.timeout(),
                            planned == null ? null : planned.onTimeout(),
                            step.escalation(),
                            planned == null ? null : planned.autoApprovedBecause(),
                            step.status(),
                            step.startedAt(),
                            step.deadline(),
                            step.escalated(),
                            planned == null ? null : planned.notifyChannels(),
                            planned == null ? null : planned.allowedDecisionChannels()));
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

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Timestamps.fromDb(rs.getObject(column, OffsetDateTime.class));
    }
}
