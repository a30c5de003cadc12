package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/**
 * A delegation started while a break-glass review waited on its delegator: {@code delegate} may now
 * review it on behalf of {@code onBehalfOf}, and is asked to as its reviewers were.
 */
public record BreakGlassReviewDelegateJoined(
        Actor actor, BreakGlassReview review, Participant delegate, Participant onBehalfOf) implements AuditableEvent {

    @Override
    public String action() {
        return "breakglass.delegate_joined";
    }

    @Override
    public String target() {
        return "request:" + review.requestId();
    }

    @Override
    public String requestId() {
        return review.requestId();
    }

    @Override
    public String grantId() {
        return review.grantId();
    }

    @Override
    public String note() {
        return "the review of the break-glass access of " + review.requester() + " to " + review.account() + "@"
                + review.resource() + " is also open to " + delegate.username() + " on behalf of "
                + onBehalfOf.username();
    }
}
