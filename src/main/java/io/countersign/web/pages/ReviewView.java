package io.countersign.web.pages;

import io.countersign.request.BreakGlassReview;
import io.countersign.request.BreakGlassReviewStatus;
import java.time.Instant;

/**
 * Where a break-glass use's review stands, as the request page shows it. {@code overdue} is also true
 * for a review whose deadline passed before its task marked it; {@code whyNot} is why the person
 * looking may not acknowledge it (null when they may).
 */
record ReviewView(BreakGlassReview review, String state, boolean overdue, String whyNot) {

    static ReviewView of(BreakGlassReview review, String whyNot, Instant now) {
        boolean open = review.status() != BreakGlassReviewStatus.REVIEWED;
        boolean overdue = review.status() == BreakGlassReviewStatus.OVERDUE || (open && !now.isBefore(review.dueAt()));
        String state = overdue
                ? "OVERDUE"
                : review.late() ? "REVIEWED LATE" : review.status().name();
        return new ReviewView(review, state, overdue, whyNot);
    }

    /** Whether the person looking may acknowledge it now: it is open and they are one of its reviewers. */
    public boolean mayReview() {
        return whyNot == null && review.status() != BreakGlassReviewStatus.REVIEWED;
    }

    public boolean reviewed() {
        return review.status() == BreakGlassReviewStatus.REVIEWED;
    }
}
