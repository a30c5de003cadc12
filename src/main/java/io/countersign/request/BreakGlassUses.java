package io.countersign.request;

import io.countersign.shared.Problems;
import io.countersign.shared.Timestamps;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Lists break-glass uses newest first with keyset pagination, as {@link RequestSearch} lists requests. */
final class BreakGlassUses {

    private BreakGlassUses() {}

    /**
     * One page; {@code overdue} keeps uses whose review deadline passed without a review, and {@code
     * reviewers}, when not null, those that one of these users reviews or that told the user with id
     * {@code told} (empty for nobody).
     */
    static RequestPage page(
            RequestRepository repository,
            boolean overdue,
            Collection<String> reviewers,
            String told,
            String cursor,
            Integer limit,
            Instant now) {
        int size = limit == null ? RequestSearch.DEFAULT_LIMIT : limit;
        Problems problems = new Problems();
        problems.check(
                size >= 1 && size <= RequestSearch.MAX_LIMIT,
                "limit",
                "out_of_range",
                "must be between 1 and " + RequestSearch.MAX_LIMIT);
        problems.throwIfAny();
        PageCursor after =
                cursor == null || cursor.isBlank() ? null : PageCursor.decode(PageCursor.BREAK_GLASS, cursor);
        StringBuilder where = new StringBuilder(" where r.break_glass = true");
        Map<String, Object> params = new HashMap<>();
        if (overdue) {
            // also a review whose deadline task has not run yet
            where.append(" ").append("""
                     and exists (select 1 from break_glass_reviews b where b.request_id = r.id
                       and (b.status = 'OVERDUE' or (b.status = 'PENDING' and b.due_at <= :now)))""");
            params.put("now", Timestamps.toDb(now));
        }
        if (reviewers != null) {
            where.append(" ").append("""
                     and (exists (select 1 from break_glass_review_people p where p.request_id = r.id
                       and p.person_role = 'REVIEWER' and p.user_id in (:reviewers))
                     or exists (select 1 from break_glass_notified n where n.request_id = r.id
                       and n.user_id = :told))""");
            // an empty in () is not SQL; no user has an empty id
            params.put("reviewers", reviewers.isEmpty() ? List.of("") : List.copyOf(reviewers));
            params.put("told", told == null ? "" : told);
        }
        if (after != null) {
            where.append(" and (r.created_at < :afterAt or (r.created_at = :afterAt and r.id < :afterId))");
            params.put("afterAt", Timestamps.toDb(after.createdAt()));
            params.put("afterId", after.id());
        }
        where.append(" order by r.created_at desc, r.id desc limit :limit");
        params.put("limit", size + 1);
        List<AccessRequest> found = repository.query(where.toString(), params);
        if (found.size() <= size) {
            return new RequestPage(found, null);
        }
        List<AccessRequest> items = found.subList(0, size);
        AccessRequest last = items.get(size - 1);
        return new RequestPage(
                items, new PageCursor(last.details().createdAt(), last.id()).encode(PageCursor.BREAK_GLASS));
    }
}
