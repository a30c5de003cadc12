package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/** A reviewer acknowledged a break-glass use; {@code review} is the review as it now stands. */
public record BreakGlassReviewed(Actor actor, BreakGlassReview review) implements AuditableEvent {

    @Override
    public String action() {
        return "breakglass.reviewed";
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
    public String comment() {
        return review.comment();
    }

    @Override
    public String note() {
        return "break-glass access of " + review.requester() + " to " + review.account() + "@" + review.resource()
                + " reviewed by " + review.reviewedBy().username()
                + (review.onBehalfOf() == null
                        ? ""
                        : " for " + review.onBehalfOf().username())
                + (review.late() ? ", late: it was due by " + review.dueAt() : "");
    }
}
