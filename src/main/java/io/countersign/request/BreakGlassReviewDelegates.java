package io.countersign.request;

import io.countersign.shared.Actor;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The delegates in force of a break-glass use's reviewers, asked to review it as the reviewers are
 * (docs/adr/0021-break-glass.md): when the use opens its review, and when a delegation starts while a
 * review still waits on its delegator ({@link BreakGlassReviewDelegateJoined}). Who may review is
 * decided by {@link BreakGlassReviewRules}, so that nobody is asked who could not review.
 */
@Component
class BreakGlassReviewDelegates {

    private final BreakGlassReviewStore store;
    private final DelegationStore delegations;
    private final ApplicationEventPublisher events;

    BreakGlassReviewDelegates(
            BreakGlassReviewStore store, DelegationStore delegations, ApplicationEventPublisher events) {
        this.store = store;
        this.delegations = delegations;
        this.events = events;
    }

    /** The delegations whose delegates are asked to review {@code review} besides its reviewers, one each. */
    List<Delegation> toAsk(BreakGlassReview review, Instant at) {
        List<String> reviewers =
                review.reviewers().stream().map(Participant::id).toList();
        return BreakGlassReviewRules.delegatesToAsk(review, delegations.inForceFrom(reviewers, at), at);
    }

    /** Asks the delegate of {@code started} of each review of its delegator they may now do, in the caller's transaction. */
    void join(Delegation started, Instant at) {
        List<Delegation> theirs = delegations.inForceTo(started.delegate().id(), at);
        for (BreakGlassReview review : store.unreviewedFor(started.delegator().id())) {
            if (BreakGlassReviewRules.newlyLetsReview(review, started, theirs, at)) {
                events.publishEvent(new BreakGlassReviewDelegateJoined(
                        Actor.system(), review, started.delegate(), started.delegator()));
            }
        }
    }
}
