package io.countersign.mail.internal;

import io.countersign.mail.OutcomeNotice;

/** The body of the mail that tells a requester how their request ended. */
public final class OutcomeLetter {

    private OutcomeLetter() {}

    public static Letter write(OutcomeNotice notice, Letterhead head) {
        String what = "the account " + notice.account() + " on " + notice.resource();
        String by = notice.decidedBy() == null
                ? ""
                : " by " + notice.decidedBy().label()
                        + (notice.onBehalfOf() == null
                                ? ""
                                : " on behalf of " + notice.onBehalfOf().label());
        String opening = switch (notice.outcome()) {
            case APPROVED -> "Your request for " + what + " was approved" + by + ".";
            case REJECTED -> "Your request for " + what + " was rejected" + by + ".";
            case EXPIRED -> "Your request for " + what + " expired before it was decided.";
            case CANCELLED -> "Your request for " + what + " was cancelled" + by + ".";
        };
        return new Letter()
                .paragraph(opening)
                .field("Request", "#" + notice.requestId())
                .field("Outcome", notice.outcome().name())
                .field(
                        "Decided by",
                        notice.decidedBy() == null ? null : notice.decidedBy().label())
                .field(
                        "On behalf of",
                        notice.onBehalfOf() == null ? null : notice.onBehalfOf().label())
                .field("Comment", notice.comment())
                .field("Access from", head.time(notice.grantStart()))
                .field("Access until", head.time(notice.grantEnd()))
                .link("Open the request", head.requestLink(notice.requestId()));
    }
}
