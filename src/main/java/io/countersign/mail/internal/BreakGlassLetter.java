package io.countersign.mail.internal;

import io.countersign.mail.BreakGlassNotice;

/**
 * The body of the mails about a break-glass use: to the emergency list of a policy when access was
 * taken or its review went overdue, and to its reviewers.
 */
public final class BreakGlassLetter {

    private BreakGlassLetter() {}

    public static Letter write(BreakGlassNotice notice, Letterhead head) {
        String taken = notice.requester().label() + " took break-glass access to the account " + notice.account()
                + " on " + notice.resource() + ". It was granted at once, without approval; ";
        String why = switch (notice.why()) {
            case USED ->
                taken + "you are told because policy '" + notice.policy() + "' lists you for emergency access.";
            case REVIEW ->
                taken + "policy '" + notice.policy() + "' names you as a reviewer. Please review it before it is due.";
            case OVERDUE ->
                "Nobody reviewed the break-glass access " + notice.requester().label()
                        + " took to the account " + notice.account() + " on " + notice.resource()
                        + " in time; you are told because policy '" + notice.policy()
                        + "' lists you for emergency access.";
        };
        return new Letter()
                .paragraph(why)
                .field("Request", "#" + notice.requestId())
                .field("Duration", Letterhead.period(notice.duration()))
                .field("Justification", notice.justification())
                .field("Review due", notice.reviewDueAt() == null ? null : head.time(notice.reviewDueAt()))
                .link(
                        notice.why() == BreakGlassNotice.Why.REVIEW ? "Review the request" : "Open the request",
                        head.requestLink(notice.requestId()));
    }
}
