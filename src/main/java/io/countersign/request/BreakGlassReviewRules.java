package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.ConflictException;
import io.countersign.shared.ForbiddenException;
import io.countersign.shared.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who may acknowledge a break-glass use, and what time does to its review (docs/adr/0021-break-glass.md):
 * one of its reviewers, or a delegate in force of one for its resource, acting as a user or
 * administrator and never the requester; once. A review past its deadline goes overdue; an
 * acknowledgement after the deadline is still recorded, marked late.
 */
final class BreakGlassReviewRules {

    private BreakGlassReviewRules() {}

    /**
     * The review acknowledged by the user {@code actor}, whose id is {@code me}, at {@code at}, with the
     * event that records it. {@code mine} are the delegations to that user.
     *
     * @throws ForbiddenException when the user may not review this use
     * @throws ConflictException when it was reviewed already
     */
    static BreakGlassReviewed review(
            BreakGlassReview review, Actor actor, String me, List<Delegation> mine, String comment, Instant at) {
        if (!actor.is(Role.USER) && !actor.is(Role.ADMIN)) {
            throw new ForbiddenException("Only users and administrators review break-glass access.");
        }
        if (me.equals(review.requesterId())) {
            throw new ForbiddenException("Nobody reviews their own break-glass access.");
        }
        Participant forReviewer = null;
        if (review.reviewers().stream().noneMatch(p -> p.id().equals(me))) {
            forReviewer = delegator(review, me, mine, at)
                    .orElseThrow(() -> new ForbiddenException(
                            "You are not among the reviewers of this break-glass access: " + review.reviewerNames()));
        }
        if (review.status() == BreakGlassReviewStatus.REVIEWED) {
            throw new ConflictException("This break-glass access was already reviewed by "
                    + review.reviewedBy().username() + " at " + review.reviewedAt() + ".");
        }
        BreakGlassReview done = review.acknowledged(new Participant(me, actor.username()), forReviewer, at, comment);
        return new BreakGlassReviewed(actor, done);
    }

    /** The reviewer a delegation in force at {@code at} lets {@code me} act for, if any. */
    private static Optional<Participant> delegator(
            BreakGlassReview review, String me, List<Delegation> mine, Instant at) {
        return mine.stream()
                .filter(d -> d.delegate().id().equals(me))
                .filter(d -> d.inForceAt(at) && d.covers(review.resource()))
                .map(Delegation::delegator)
                .filter(delegator -> !delegator.id().equals(review.requesterId()))
                .filter(delegator -> review.reviewers().stream().anyMatch(p -> p.id().equals(delegator.id())))
                .findFirst();
    }

    /** The review gone overdue at {@code at}; empty when it is reviewed or not yet due. */
    static Optional<BreakGlassReview> overdue(BreakGlassReview review, Instant at) {
        if (review.status() != BreakGlassReviewStatus.PENDING || at.isBefore(review.dueAt())) {
            return Optional.empty();
        }
        return Optional.of(review.withStatus(BreakGlassReviewStatus.OVERDUE));
    }
}
