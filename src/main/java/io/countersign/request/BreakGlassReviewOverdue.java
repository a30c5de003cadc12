package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/** Nobody reviewed a break-glass use by its deadline; the policy's emergency list is told. */
public record BreakGlassReviewOverdue(Actor actor, BreakGlassReview review) implements AuditableEvent {

    @Override
    public String action() {
        return "breakglass.review_overdue";
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
        return "break-glass access of " + review.requester() + " to " + review.account() + "@" + review.resource()
                + " was not reviewed by " + review.dueAt()
                + (review.reviewers().isEmpty()
                        ? ": it had nobody to review it"
                        : " by any of " + review.reviewerNames());
    }
}
