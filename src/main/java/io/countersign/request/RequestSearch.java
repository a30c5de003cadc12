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
import org.springframework.stereotype.Component;

/**
 * Lists requests newest first with keyset pagination. Callers who may not read everything see only
 * requests they are involved in; {@code awaiting=me} finds by index what waits on the caller now.
 */
@Component
class RequestSearch {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final RequestRepository repository;

    RequestSearch(RequestRepository repository) {
        this.repository = repository;
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
        problems.check(
                query.createdFrom() == null
                        || query.createdTo() == null
                        || query.createdTo().isAfter(query.createdFrom()),
                "to",
                "before_from",
                "must be later than 'from'");
        problems.throwIfAny();
        PageCursor after =
                query.cursor() == null || query.cursor().isBlank() ? null : PageCursor.decode(query.cursor());

        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        params.put("me", me);
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
            where.append(" ").append("""
                     and (r.requester_id = :me or r.created_by_id = :me or exists (
                        select 1 from request_step_approvers v where v.request_id = r.id and v.user_id = :me))""");
        }
        if (awaiting) {
            where.append(" ").append(AWAITING_ME);
            params.put("now", Timestamps.toDb(now));
        }
        if (after != null) {
            where.append(" and (r.created_at < :afterAt or (r.created_at = :afterAt and r.id < :afterId))");
            params.put("afterAt", Timestamps.toDb(after.createdAt()));
            params.put("afterId", after.id());
        }
        where.append(" order by r.created_at desc, r.id desc limit :limit");
        params.put("limit", limit + 1);

        List<AccessRequest> found = repository.query(where.toString(), params);
        if (found.size() <= limit) {
            return new RequestPage(found, null);
        }
        List<AccessRequest> items = found.subList(0, limit);
        AccessRequest last = items.get(limit - 1);
        return new RequestPage(List.copyOf(items), new PageCursor(last.details().createdAt(), last.id()).encode());
    }

    /**
     * Pending, in time, the current step lists the caller, the caller has not decided it, and
     * separation of duties lets them approve it (the same rule as {@link AccessRequest#awaits}).
     */
    private static final String AWAITING_ME = """
             and r.status = 'PENDING' and r.expires_at > :now
             and exists (select 1 from request_step_approvers a
                         where a.request_id = r.id and a.step_index = r.current_step and a.user_id = :me)
             and not exists (select 1 from decisions d
                             where d.request_id = r.id and d.step_index = r.current_step and d.approver_id = :me)
             and (r.requester_id is null or r.requester_id <> :me or r.allow_self_approval)
             and (not r.distinct_approvers or not exists (
                     select 1 from decisions e
                     where e.request_id = r.id and e.approver_id = :me and e.verdict = 'APPROVE'
                       and e.channel <> 'SYSTEM' and e.step_index < r.current_step))""";

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
