package io.countersign.mail.internal;

import io.countersign.mail.BreakGlassNotice;
import io.countersign.mail.Person;
import io.countersign.shared.TimesForPeople;

/**
 * The body of the mails about a break-glass use: to the emergency list of a policy when access was
 * taken or its review went overdue, naming who was asked to review it, and to its reviewers and the
 * delegates who may review it for them.
 */
public final class BreakGlassLetter {

    private BreakGlassLetter() {}

    public static Letter write(BreakGlassNotice notice, Letterhead head) {
        String taken = notice.requester().label() + " took break-glass access to the account " + notice.account()
                + " on " + notice.resource() + ". It was granted at once, without approval; ";
        String why = switch (notice.why()) {
            case USED ->
                taken + "you are told because policy '" + notice.policy() + "' lists you for emergency access.";
            case REVIEW -> taken + reviewer(notice) + pleaseReview(notice, head);
            case OVERDUE ->
                "Nobody reviewed the break-glass access " + notice.requester().label()
                        + " took to the account " + notice.account() + " on " + notice.resource()
                        + " in time; you are told because policy '" + notice.policy()
                        + "' lists you for emergency access.";
        };
        return new Letter()
                .paragraph(why)
                .field("Request", "#" + notice.requestId())
                .field("Duration", TimesForPeople.lasting(notice.duration()))
                .field("Justification", notice.justification())
                .field("Ticket", notice.ticket())
                .field("Review due", notice.reviewDueAt() == null ? null : head.time(notice.reviewDueAt()))
                // whom the emergency list may chase; a reviewer's own mail names them already
                .field(
                        "Asked to review",
                        String.join(
                                ", ",
                                notice.reviewers().stream().map(Person::label).toList()))
                .link(
                        notice.why() == BreakGlassNotice.Why.REVIEW ? "Review the request" : "Open the request",
                        head.requestLink(notice.requestId()));
    }

    /** Who the policy names as a reviewer: the recipient, or the reviewer who delegated to them. */
    private static String reviewer(BreakGlassNotice notice) {
        if (notice.onBehalfOf() == null) {
            return "policy '" + notice.policy() + "' names you as a reviewer.";
        }
        return "policy '" + notice.policy() + "' names " + notice.onBehalfOf().label()
                + " as a reviewer, who delegated to you: you may review it on behalf of "
                + notice.onBehalfOf().label() + ".";
    }

    /** A delegate asked once the deadline has passed may still review it, late. */
    private static String pleaseReview(BreakGlassNotice notice, Letterhead head) {
        return notice.reviewDueAt() != null && !notice.reviewDueAt().isAfter(head.now())
                ? " Its review is overdue: please review it now."
                : " Please review it before it is due.";
    }
}
