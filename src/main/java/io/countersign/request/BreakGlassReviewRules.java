package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.ConflictException;
import io.countersign.shared.ForbiddenException;
import io.countersign.shared.Role;
import io.countersign.shared.Summaries;
import io.countersign.shared.TimesForPeople;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        if (!isReviewer(review, me)) {
            forReviewer = delegator(review, me, mine, at)
                    .orElseThrow(
                            () -> new ForbiddenException("You are not among the reviewers of this break-glass access: "
                                    + Summaries.inWords(review.reviewerNames()) + "."));
        }
        if (review.status() == BreakGlassReviewStatus.REVIEWED) {
            throw new ConflictException("This break-glass access was already reviewed by "
                    + review.reviewedBy().username() + " at " + TimesForPeople.at(review.reviewedAt()) + ".");
        }
        BreakGlassReview done = review.acknowledged(new Participant(me, actor.username()), forReviewer, at, comment);
        return new BreakGlassReviewed(actor, done);
    }

    /**
     * Whether the user with id {@code me} may review this use, whatever their role and whether it was
     * reviewed already: one of its reviewers, or a delegate of one by {@code mine} at {@code at}; never
     * its requester.
     */
    static boolean mayReview(BreakGlassReview review, String me, List<Delegation> mine, Instant at) {
        return !me.equals(review.requesterId())
                && (isReviewer(review, me) || delegator(review, me, mine, at).isPresent());
    }

    /**
     * The reviewer a delegation to {@code me} in force at {@code at} lets them act for, if any: of
     * several, the first in the review's list of reviewers, the one {@link #delegatesToAsk} named when
     * they were asked, whatever order {@code mine} comes in.
     */
    private static Optional<Participant> delegator(
            BreakGlassReview review, String me, List<Delegation> mine, Instant at) {
        return review.reviewers().stream()
                .flatMap(reviewer -> mine.stream()
                        .filter(d -> d.delegate().id().equals(me))
                        .filter(d -> d.delegator().id().equals(reviewer.id()))
                        .flatMap(d -> reviewerFor(review, d, at).stream())
                        .limit(1))
                .findFirst();
    }

    /**
     * The reviewer {@code delegation} lets its delegate review this use for at {@code at}: one in
     * force there, for the use's resource, from one of its reviewers; never to its requester.
     */
    static Optional<Participant> reviewerFor(BreakGlassReview review, Delegation delegation, Instant at) {
        boolean lets = delegation.inForceAt(at)
                && delegation.covers(review.resource())
                && !delegation.delegate().id().equals(review.requesterId())
                && !delegation.delegator().id().equals(review.requesterId())
                && isReviewer(review, delegation.delegator().id());
        return lets ? Optional.of(delegation.delegator()) : Optional.empty();
    }

    /**
     * The delegations whose delegates are asked to review this use besides its reviewers, one for each
     * such person (the first reviewer's, in the order of the reviewers): those of {@code inForce} that
     * let someone who is not a reviewer review it at {@code at}.
     */
    static List<Delegation> delegatesToAsk(BreakGlassReview review, List<Delegation> inForce, Instant at) {
        Map<String, Delegation> byDelegate = new LinkedHashMap<>();
        for (Participant reviewer : review.reviewers()) {
            inForce.stream()
                    .filter(d -> d.delegator().id().equals(reviewer.id()))
                    .filter(d -> !isReviewer(review, d.delegate().id()))
                    .filter(d -> reviewerFor(review, d, at).isPresent())
                    .forEach(d -> byDelegate.putIfAbsent(d.delegate().id(), d));
        }
        return List.copyOf(byDelegate.values());
    }

    /**
     * Whether {@code started}, a delegation that has just started, lets its delegate review this use
     * where they could not before: it is not reviewed yet, they are not a reviewer, and none of
     * {@code theirs} (the delegations to them in force) lets them already.
     */
    static boolean newlyLetsReview(BreakGlassReview review, Delegation started, List<Delegation> theirs, Instant at) {
        return review.status() != BreakGlassReviewStatus.REVIEWED
                && !isReviewer(review, started.delegate().id())
                && reviewerFor(review, started, at).isPresent()
                && theirs.stream()
                        .filter(d -> !d.id().equals(started.id()))
                        .filter(d -> d.delegate().id().equals(started.delegate().id()))
                        .noneMatch(d -> reviewerFor(review, d, at).isPresent());
    }

    private static boolean isReviewer(BreakGlassReview review, String userId) {
        return review.reviewers().stream().anyMatch(p -> p.id().equals(userId));
    }

    /** The review gone overdue at {@code at}; empty when it is reviewed or not yet due. */
    static Optional<BreakGlassReview> overdue(BreakGlassReview review, Instant at) {
        if (review.status() != BreakGlassReviewStatus.PENDING || at.isBefore(review.dueAt())) {
            return Optional.empty();
        }
        return Optional.of(review.withStatus(BreakGlassReviewStatus.OVERDUE));
    }
}
