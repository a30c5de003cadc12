package io.countersign.request;

import io.countersign.shared.Problems;
import io.countersign.shared.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Lists break-glass uses newest first with keyset pagination, as {@link RequestSearch} lists requests. */
final class BreakGlassUses {

    private BreakGlassUses() {}

    /**
     * One page; {@code overdue} keeps uses whose review deadline passed without a review, and {@code
     * reviewers}, when not null, those that one of these users reviews or that told or were reviewed
     * by the user with id {@code told} (empty for nobody). {@code keep} then judges each batch read
     * (rules the query cannot, such as a delegation's resources); the page is cut after it, reading
     * on until it is full, so that a page holds {@code limit} uses whenever that many follow.
     */
    static RequestPage page(
            RequestRepository repository,
            boolean overdue,
            Collection<String> reviewers,
            String told,
            String cursor,
            Integer limit,
            Instant now,
            UnaryOperator<List<AccessRequest>> keep) {
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
        List<AccessRequest> kept = new ArrayList<>();
        while (true) {
            List<AccessRequest> found = batch(repository, overdue, reviewers, told, after, size + 1, now);
            kept.addAll(keep.apply(found));
            if (kept.size() > size || found.size() <= size) {
                break;
            }
            AccessRequest lastRead = found.get(found.size() - 1);
            after = new PageCursor(lastRead.details().createdAt(), lastRead.id());
        }
        if (kept.size() <= size) {
            return new RequestPage(kept, null);
        }
        List<AccessRequest> items = kept.subList(0, size);
        AccessRequest last = items.get(size - 1);
        return new RequestPage(
                items, new PageCursor(last.details().createdAt(), last.id()).encode(PageCursor.BREAK_GLASS));
    }

    private static List<AccessRequest> batch(
            RequestRepository repository,
            boolean overdue,
            Collection<String> reviewers,
            String told,
            PageCursor after,
            int rows,
            Instant now) {
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
                       and n.user_id = :told)
                     or exists (select 1 from break_glass_reviews b where b.request_id = r.id
                       and b.reviewed_by_id = :told))""");
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
        params.put("limit", rows);
        return repository.query(where.toString(), params);
    }
}
