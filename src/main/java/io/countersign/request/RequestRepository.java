package io.countersign.request;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.countersign.shared.ConflictException;
import io.countersign.shared.Timestamps;
import io.countersign.shared.database.CommitWrites;
import io.countersign.shared.database.Pipelined;
import io.countersign.shared.database.TransactionCache;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores requests in {@code access_requests}, their step snapshots in {@code request_steps} (with one
 * {@code request_step_approvers} row per eligible person, for "what waits on me") and their decisions.
 */
@Repository
class RequestRepository {

    /**
     * The requests this transaction wrote, as it left them: the listeners that read a request back
     * in the transaction of its change (notifications) find it here instead of in four queries.
     */
    private final TransactionCache<String, AccessRequest> written = new TransactionCache<>("written requests");

    /**
     * Requests' resources and requesters, which never change once a request is created: a decision
     * takes their locks before the request's own, and finds them here when this instance created the
     * request or saw it decided before. Bounded; an entry lost costs one query.
     */
    private final Cache<String, Header> headers = Caffeine.newBuilder()
            .maximumSize(HEADERS_KEPT)
            .executor(Runnable::run)
            .build();

    static final int HEADERS_KEPT = 20_000;

    /** Served by {@code access_requests_extends_grant}, which holds extension requests only (V94). */
    static final String PENDING_EXTENSION =
            "select id from access_requests where extends_grant_id = ? and status = 'PENDING' order by id";

    /** Served by {@code access_requests_idempotency_id}, which holds requests with a key only (V94). */
    static final String BY_IDEMPOTENCY_KEY = """
            select id, idempotency_fingerprint from access_requests
            where created_by_id = ? and idempotency_key = ?""";

    private final JdbcClient jdbc;
    private final RequestRows rows;
    private final CommitWrites commitWrites;

    RequestRepository(JdbcClient jdbc, RequestRows rows, CommitWrites commitWrites) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.commitWrites = commitWrites;
    }

    /**
     * Stores a new request, its steps, their places and its decisions with the transaction's last
     * writes ({@link CommitWrites}). The transaction reads it back from {@link #find} or after {@link
     * #lock}; a row that refers to it and is written at once goes after the held writes ({@link
     * CommitWrites#runAfterHeld}).
     */
    void insert(AccessRequest request, PlanSnapshot plan, String idempotencyKey, String fingerprint) {
        RequestDetails d = request.details();
        List<Pipelined<?>> writes = new ArrayList<>();
        writes.add(Pipelined.change(
                """
                        insert into access_requests (id, requester, requester_id, resource_name, account_name,
                            duration_seconds, starts_at, justification, ticket, policy_name, policy_snapshot, status,
                            current_step, created_by, created_by_id, idempotency_key, idempotency_fingerprint,
                            allow_self_approval, distinct_approvers, created_at, expires_at, closed_at,
                            extends_grant_id, break_glass, version)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""",
                Arrays.asList(
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
                        StoredPlans.text(plan),
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
                        d.breakGlass())));
        // kept even if the creation rolls back: a decision on an id that was never created then locks
        // a resource and a user for nothing and finds no request, as it would have without the entry
        headers.put(d.id(), new Header(d.resource(), d.requesterId()));
        // one round trip whatever the number of steps and approver places, and one statement per
        // table: the database's work per statement, not per row, is what a creation pays most for
        List<Object[]> steps = new ArrayList<>();
        List<Object[]> places = new ArrayList<>();
        for (RequestStep step : request.steps()) {
            steps.add(new Object[] {
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
                Timestamps.toDb(step.deadline())
            });
            for (Participant approver : step.approvers()) {
                places.add(new Object[] {d.id(), step.index(), approver.username(), approver.id()});
            }
        }
        writes.addAll(Pipelined.insert("""
                insert into request_steps (request_id, step_index, name, required_approvals, status,
                    eligible_approvers, escalation_approvers, escalation_approver_ids, escalated,
                    started_at, deadline)""", "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", steps));
        writes.addAll(Pipelined.insert(
                "insert into request_step_approvers (request_id, step_index, username, user_id)",
                "(?, ?, ?, ?)",
                places));
        writes.addAll(decisionInserts(d.id(), request.unsaved().newDecisions()));
        // with the last writes too: a duplicate idempotency key then fails the commit, which the
        // caller handles as it handled the insert failing
        commitWrites.add(writes);
        written.map().put(d.id(), request);
    }

    /**
     * Writes the state a transition changed: the request, the steps it changed, their places and its
     * new decisions, with the transaction's last writes ({@link CommitWrites}); the transaction reads
     * them back only from {@link #find} or after {@link #lock}, which sends them first. The caller
     * holds the row lock taken by {@link #lock(String)}; the version check is a second guard against
     * a writer that did not. When the request changed since it was read, the transaction throws
     * {@link ConflictException} as it writes the change, and rolls back.
     */
    void update(AccessRequest request) {
        List<Pipelined<?>> writes = new ArrayList<>();
        Pipelined<Integer> header = Pipelined.change(
                """
                update access_requests set status = ?, current_step = ?, closed_at = ?, version = version + 1
                where id = ? and version = ?""",
                Arrays.asList(
                        request.status().name(),
                        request.currentStep(),
                        Timestamps.toDb(request.closedAt()),
                        request.id(),
                        request.version()));
        writes.add(header);
        // a decision on one step leaves the others as they were: they are not written again
        for (RequestStep step : request.unsaved().changedSteps()) {
            writes.add(Pipelined.change(
                    """
                    update request_steps set status = ?, started_at = ?, deadline = ?, escalated = ?,
                                             eligible_approvers = ?, escalation_approvers = ?,
                                             escalation_approver_ids = ?
                    where request_id = ? and step_index = ?""",
                    Arrays.asList(
                            step.status().name(),
                            Timestamps.toDb(step.startedAt()),
                            Timestamps.toDb(step.deadline()),
                            step.escalated(),
                            String.join(",", step.eligibleApprovers()),
                            String.join(",", step.escalationApprovers()),
                            ids(step.escalation()),
                            request.id(),
                            step.index())));
            if (step.escalated()) {
                // an escalation widens the step: the added approvers must find it waiting on them too
                for (Participant approver : step.approvers()) {
                    writes.add(Pipelined.change(
                            """
                            insert into request_step_approvers (request_id, step_index, username, user_id)
                            select ?, ?, ?, ? where not exists (select 1 from request_step_approvers
                                where request_id = ? and step_index = ? and user_id = ?)""",
                            Arrays.asList(
                                    request.id(),
                                    step.index(),
                                    approver.username(),
                                    approver.id(),
                                    request.id(),
                                    step.index(),
                                    approver.id())));
                }
            }
        }
        for (String withdrawn : request.unsaved().withdrawnApprovers()) {
            // only the steps still to be decided lose the place; decided steps keep it as history
            writes.add(Pipelined.change(
                    "delete from request_step_approvers where request_id = ? and user_id = ? and step_index >= ?",
                    Arrays.asList(request.id(), withdrawn, request.currentStep())));
        }
        for (Decision approval : request.unsaved().withdrawnApprovals()) {
            writes.add(Pipelined.change(
                    "update decisions set withdrawn = ? where request_id = ? and step_index = ? and approver_id = ?",
                    Arrays.asList(approval.withdrawn(), request.id(), approval.step(), approval.approverId())));
        }
        writes.addAll(decisionInserts(request.id(), request.unsaved().newDecisions()));
        header.expecting(
                1, () -> new ConflictException("Request " + request.id() + " changed at the same time; try again."));
        // with the transaction's last writes, or before this transaction locks the request again
        commitWrites.add(writes);
        written.map().put(request.id(), request);
    }

    /** What a decision must lock before the request's row: the resource and the requester. */
    record Header(String resource, String requesterId) {}

    /** The resource and requester of a request, read without the steps and decisions. */
    Optional<Header> header(String id) {
        Header known = headers.getIfPresent(id);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Header> read = jdbc.sql("select resource_name, requester_id from access_requests where id = ?")
                .param(id)
                .query((rs, n) -> new Header(rs.getString("resource_name"), rs.getString("requester_id")))
                .optional();
        read.ifPresent(header -> headers.put(id, header));
        return read;
    }

    /** The request's current step as committed, as a query to run before its lock is waited for. */
    Pipelined<Optional<Integer>> currentStep(String id) {
        return Pipelined.query(
                "select current_step from access_requests where id = ?",
                List.of(id),
                rs -> rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty());
    }

    /** The extension requests pending for this grant: at most one, as asks are taken one at a time. */
    List<String> pendingExtensionsOf(String grantId) {
        return jdbc.sql(PENDING_EXTENSION).param(grantId).query(String.class).list();
    }

    /** Loads a request and locks its row until the transaction ends, serialising decisions on it. */
    Optional<AccessRequest> lock(String id) {
        return lock(id, List.of());
    }

    /**
     * As {@link #lock(String)} for each of these requests, one after the other in this order, in one
     * round trip per {@value #LOCKED_AT_ONCE}: a change to many requests at once (a user leaving) costs
     * no round trip per request. Those no longer stored are left out.
     */
    List<AccessRequest> lockAll(Collection<String> ids) {
        List<String> ordered = List.copyOf(ids);
        List<AccessRequest> locked = new ArrayList<>();
        for (int from = 0; from < ordered.size(); from += LOCKED_AT_ONCE) {
            List<RequestRows.Locking> lockings =
                    ordered.subList(from, Math.min(ordered.size(), from + LOCKED_AT_ONCE)).stream()
                            .map(rows::locking)
                            .toList();
            List<Pipelined<?>> queries = new ArrayList<>();
            lockings.forEach(locking -> queries.addAll(locking.queries()));
            commitWrites.runAfterHeld(queries);
            lockings.forEach(locking -> rows.locked(locking).ifPresent(locked::add));
        }
        return locked;
    }

    // three queries of one parameter each: well within the protocol's limit on parameters per round trip
    private static final int LOCKED_AT_ONCE = 1000;

    /**
     * As {@link #lock(String)}, without waiting: empty when another transaction holds the row, as
     * when the sweep and a request's own deadline task meet on it.
     */
    Optional<AccessRequest> lockUnlessHeld(String id) {
        return lock(rows.lockingUnlessHeld(id), List.of());
    }

    /**
     * As {@link #lock(String)}, after the locks that must come before the request's (its resource's,
     * its requester's), all in one round trip.
     */
    Optional<AccessRequest> lock(String id, List<Pipelined<?>> before) {
        return lock(rows.locking(id), before);
    }

    private Optional<AccessRequest> lock(RequestRows.Locking locking, List<Pipelined<?>> before) {
        List<Pipelined<?>> queries = new ArrayList<>(before);
        queries.addAll(locking.queries());
        // after this transaction's held writes, which may hold a change to this request
        commitWrites.runAfterHeld(queries);
        return rows.locked(locking);
    }

    /**
     * The request as stored, or as this transaction wrote it. Only to read: a change goes through
     * {@link #lock(String)}, which always reads the row.
     */
    Optional<AccessRequest> find(String id) {
        AccessRequest mine = written.map().get(id);
        if (mine != null) {
            return Optional.of(mine);
        }
        return jdbc.sql(RequestRows.SELECT + " where r.id = ?")
                .param(id)
                .query(rows::row)
                .optional()
                .map(row -> rows.attach(List.of(row)).get(0));
    }

    /**
     * The requests as stored, read {@value #READ_AT_ONCE} at a time with their steps and decisions in
     * bulk (three queries each time), for a caller that reads many and changes none; those no longer
     * stored are left out.
     */
    List<AccessRequest> findAll(Collection<String> ids) {
        List<String> ordered = List.copyOf(ids);
        List<AccessRequest> found = new ArrayList<>();
        for (int from = 0; from < ordered.size(); from += READ_AT_ONCE) {
            found.addAll(query(
                    "where r.id in (:ids)",
                    Map.of("ids", ordered.subList(from, Math.min(ordered.size(), from + READ_AT_ONCE)))));
        }
        return found;
    }

    // one parameter per id in each of the three queries: far below the protocol's limit per statement
    private static final int READ_AT_ONCE = 1000;

    /** The request a caller created with an idempotency key, with the fingerprint of its body. */
    Optional<Map.Entry<String, String>> findByIdempotencyKey(String createdById, String key) {
        return jdbc.sql(BY_IDEMPOTENCY_KEY)
                .params(createdById, key)
                .query((rs, n) ->
                        Map.entry(rs.getString("id"), String.valueOf(rs.getString("idempotency_fingerprint"))))
                .optional();
    }

    /** Runs a listing query whose select list is {@link RequestRows#SELECT}'s and attaches steps and decisions in bulk. */
    List<AccessRequest> query(String whereAndOrder, Map<String, Object> params) {
        List<RequestRows.Row> found = jdbc.sql(RequestRows.SELECT + " " + whereAndOrder)
                .params(params)
                .query(rows::row)
                .list();
        return rows.attach(found);
    }

    private static String ids(List<Participant> people) {
        return String.join(",", people.stream().map(Participant::id).toList());
    }

    private static List<Pipelined<Integer>> decisionInserts(String requestId, List<Decision> decisions) {
        return decisions.stream()
                .map(decision -> Pipelined.change(
                        """
                        insert into decisions (request_id, step_index, approver, approver_id, verdict, comment,
                                               channel, decided_at, allowed_seconds, on_behalf_of, on_behalf_of_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                        Arrays.asList(
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
                                        : decision.onBehalfOf().id())))
                .toList();
    }
}
