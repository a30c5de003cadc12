package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.Names;
import io.countersign.shared.Problems;
import io.countersign.shared.Timestamps;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Lists requests newest first with keyset pagination. Callers who may not read everything see only
 * requests they are involved in and the break-glass uses that told them; {@code awaiting=me} finds by
 * index what waits on the caller now.
 */
@Component
class RequestSearch {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final RequestRepository repository;
    private final DelegationStore delegations;
    private final BreakGlassReviewStore breakGlass;

    RequestSearch(RequestRepository repository, DelegationStore delegations, BreakGlassReviewStore breakGlass) {
        this.repository = repository;
        this.delegations = delegations;
        this.breakGlass = breakGlass;
    }

    /** One page of the requests {@code actor}, whose user id is {@code me}, may see. */
    RequestPage page(Actor actor, String me, RequestQuery query, Instant now) {
        Problems problems = new Problems();
        RequestStatus status = parseStatus(problems, query.status());
        boolean awaiting = query.awaiting() != null;
        problems.check(
                !awaiting || "me".equalsIgnoreCase(query.awaiting().trim()),
                "awaiting",
                "invalid_value",
                "the only supported value is 'me'");
        int limit = query.limit() == null ? DEFAULT_LIMIT : query.limit();
        problems.check(limit >= 1 && limit <= MAX_LIMIT, "limit", "out_of_range", "must be between 1 and " + MAX_LIMIT);
        Timestamps.checkStorable(problems, query.createdFrom(), "from");
        Timestamps.checkStorable(problems, query.createdTo(), "to");
        problems.check(
                query.createdFrom() == null
                        || query.createdTo() == null
                        || query.createdTo().isAfter(query.createdFrom()),
                "to",
                "before_from",
                "must be later than 'from'");
        problems.throwIfAny();
        PageCursor after = query.cursor() == null || query.cursor().isBlank()
                ? null
                : PageCursor.decode(PageCursor.REQUESTS, query.cursor());

        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        params.put("me", me);
        params.put("now", Timestamps.toDb(now));
        if (status != null) {
            where.append(" and r.status = :status");
            params.put("status", status.name());
        }
        if (query.requester() != null && !query.requester().isBlank()) {
            where.append(" and r.requester = :requester");
            params.put("requester", Names.canonical(query.requester()));
        }
        if (query.resource() != null && !query.resource().isBlank()) {
            where.append(" and r.resource_name = :resource");
            params.put("resource", Names.canonical(query.resource()));
        }
        if (query.createdFrom() != null) {
            where.append(" and r.created_at >= :createdFrom");
            params.put("createdFrom", Timestamps.toDb(query.createdFrom()));
        }
        if (query.createdTo() != null) {
            where.append(" and r.created_at < :createdTo");
            params.put("createdTo", Timestamps.toDb(query.createdTo()));
        }
        if (!actor.canReadEverything()) {
            // text blocks drop their leading indentation: the separating space is explicit
            where.append(" ")
                    .append(
                            """
                     and (r.requester_id = :me or r.created_by_id = :me or exists (
                        select 1 from request_step_approvers v where v.request_id = r.id and v.user_id = :me)
                      or exists (select 1 from decisions e where e.request_id = r.id and e.approver_id = :me)
                      or (r.status = 'PENDING' and exists (
                        select 1 from request_step_approvers v join delegations g on g.delegator_id = v.user_id
                        where v.request_id = r.id and v.step_index >= r.current_step and g.delegate_id = :me""" + " and " + DELEGATION_IN_FORCE + "))"
                                    // read-only: a use told the people on its emergency list, as it was resolved then
                                    + " or exists (select 1 from break_glass_notified n where n.request_id = r.id and n.user_id = :me))");
        }
        if (awaiting) {
            where.append(" ").append(AWAITING_ME);
        }
        if (after != null) {
            where.append(" and (r.created_at < :afterAt or (r.created_at = :afterAt and r.id < :afterId))");
            params.put("afterAt", Timestamps.toDb(after.createdAt()));
            params.put("afterId", after.id());
        }
        where.append(" order by r.created_at desc, r.id desc limit :limit");
        params.put("limit", limit + 1);

        List<AccessRequest> found = repository.query(where.toString(), params);
        List<Delegation> mine = delegations.inForceTo(me, now);
        List<AccessRequest> items = found.size() <= limit ? found : found.subList(0, limit);
        Set<String> told = actor.canReadEverything()
                ? Set.of()
                : breakGlass.toldOf(me, items.stream().map(AccessRequest::id).toList());
        if (found.size() <= limit) {
            return new RequestPage(keep(items, actor, me, awaiting, mine, told, now), null);
        }
        AccessRequest last = items.get(limit - 1);
        // the cursor follows the last row read, so a row the resource globs filter out skips nothing
        return new RequestPage(
                keep(items, actor, me, awaiting, mine, told, now),
                new PageCursor(last.details().createdAt(), last.id()).encode(PageCursor.REQUESTS));
    }

    /**
     * The rows the SQL could not judge exactly: a delegation's resource globs and its separation of
     * duties are checked here, so a page may hold fewer rows than its limit.
     */
    private static List<AccessRequest> keep(
            List<AccessRequest> rows,
            Actor actor,
            String me,
            boolean awaiting,
            List<Delegation> mine,
            Set<String> told,
            Instant now) {
        return rows.stream()
                .filter(r -> !awaiting || DecisionGuard.awaitsDecision(r, me, now, mine))
                .filter(r -> actor.canReadEverything()
                        || told.contains(r.id())
                        || me.equals(r.details().requesterId())
                        || me.equals(r.details().createdById())
                        || r.involves(me)
                        || Standing.involvesThrough(r, me, mine, now))
                .toList();
    }

    private static final String DELEGATION_IN_FORCE =
            "g.ended_at is null and g.starts_at <= :now and g.until_at > :now";

    /**
     * Pending, in time, the current step lists the caller, they have not decided it, and they are no
     * forbidden self-approver: a step they may only reject, under distinct approvers, waits on them too.
     * Delegates are found by their delegators' places and finished in Java ({@link
     * DecisionGuard#awaitsDecision}), which also checks the delegator's side of separation of duties.
     */
    private static final String AWAITING_ME = """
             and r.status = 'PENDING' and r.expires_at > :now
             and (exists (select 1 from request_step_approvers a
                          where a.request_id = r.id and a.step_index = r.current_step and a.user_id = :me)
                  or exists (select 1 from request_step_approvers a join delegations g on g.delegator_id = a.user_id
                          where a.request_id = r.id and a.step_index = r.current_step and g.delegate_id = :me
                            and g.ended_at is null and g.starts_at <= :now and g.until_at > :now))
             and not exists (select 1 from decisions d
                             where d.request_id = r.id and d.step_index = r.current_step
                               and (d.approver_id = :me or d.on_behalf_of_id = :me))
             and (r.requester_id is null or r.requester_id <> :me or r.allow_self_approval)""";

    private static RequestStatus parseStatus(Problems problems, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return RequestStatus.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("status", "invalid_value", "must be one of " + List.of(RequestStatus.values()));
            return null;
        }
    }
}
