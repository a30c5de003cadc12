package io.countersign.request;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The after-the-fact review of one break-glass use: who may acknowledge it ({@code reviewers}, resolved
 * when access was taken, never the requester), by when ({@code dueAt}), and, once acknowledged, by whom
 * ({@code onBehalfOf} is the reviewer a delegate acknowledged for), when, with what comment, and whether
 * that was after the deadline ({@code late}). {@code notified} is the policy's emergency list, told
 * again when the review goes overdue. {@code grantId} is the grant the use was given. Plain data; {@link BreakGlassReviewRules} moves it on.
 */
public record BreakGlassReview(
        String requestId,
        String requester,
        String requesterId,
        String resource,
        String account,
        String policy,
        String grantId,
        Instant usedAt,
        List<Participant> reviewers,
        List<Participant> notified,
        Instant dueAt,
        BreakGlassReviewStatus status,
        Participant reviewedBy,
        Participant onBehalfOf,
        Instant reviewedAt,
        String comment,
        boolean late) {

    public BreakGlassReview {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(status, "status");
        reviewers = List.copyOf(reviewers);
        notified = List.copyOf(notified);
    }

    /** The review a break-glass use opens: pending until its deadline. */
    static BreakGlassReview opened(BreakGlassUsed used, Instant usedAt) {
        return new BreakGlassReview(
                used.requestId(),
                used.requester(),
                used.requesterId(),
                used.resource(),
                used.account(),
                used.policy(),
                used.grantId(),
                usedAt,
                used.reviewers(),
                used.notified(),
                used.reviewDueAt(),
                BreakGlassReviewStatus.PENDING,
                null,
                null,
                null,
                null,
                false);
    }

    /** The reviewers' usernames, as the request shows them. */
    public List<String> reviewerNames() {
        return reviewers.stream().map(Participant::username).toList();
    }

    BreakGlassReview withStatus(BreakGlassReviewStatus next) {
        return withOutcome(next, reviewedBy, onBehalfOf, reviewedAt, comment, late);
    }

    BreakGlassReview acknowledged(Participant by, Participant forReviewer, Instant at, String text) {
        return withOutcome(BreakGlassReviewStatus.REVIEWED, by, forReviewer, at, text, !at.isBefore(dueAt));
    }

    /** This review with another outcome; the use it reviews and who may review it stay as they are. */
    private BreakGlassReview withOutcome(
            BreakGlassReviewStatus nextStatus,
            Participant by,
            Participant forReviewer,
            Instant at,
            String text,
            boolean afterDeadline) {
        return new BreakGlassReview(
                requestId,
                requester,
                requesterId,
                resource,
                account,
                policy,
                grantId,
                usedAt,
                reviewers,
                notified,
                dueAt,
                nextStatus,
                by,
                forReviewer,
                at,
                text,
                afterDeadline);
    }
}
