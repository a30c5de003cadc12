package io.countersign.request;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Who reads a break-glass use without being otherwise involved in it: the people it told when it was
 * taken, its reviewers and their delegates in force, and whoever reviewed it. They see it, and so are
 * answered as any reader who has no say in it, never as if it did not exist.
 */
@Component
class BreakGlassReaders {

    private final BreakGlassReviewStore store;

    BreakGlassReaders(BreakGlassReviewStore store) {
        this.store = store;
    }

    /** Whether the user with id {@code me}, delegated to by {@code mine}, reads the use of {@code requestId}. */
    boolean reads(String me, String requestId, List<Delegation> mine, Instant now) {
        return !store.toldOf(me, List.of(requestId)).isEmpty()
                || store.find(requestId)
                        .filter(review -> reviews(me, mine, review, now))
                        .isPresent();
    }

    /**
     * Whether the user with id {@code me} reviews this use: one of its reviewers, or a delegate in
     * force ({@code mine}) of one, never its requester (as {@link BreakGlassReviewRules#mayReview}
     * decides); or whoever reviewed it, for good, as a delegate who decided a request keeps reading it.
     */
    static boolean reviews(String me, List<Delegation> mine, BreakGlassReview review, Instant now) {
        if (me.isEmpty()) {
            return false;
        }
        if (review.reviewedBy() != null && review.reviewedBy().id().equals(me)) {
            return true;
        }
        return BreakGlassReviewRules.mayReview(review, me, mine, now);
    }
}
