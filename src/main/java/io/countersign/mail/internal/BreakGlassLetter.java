package io.countersign.mail.internal;

import io.countersign.mail.BreakGlassNotice;

/** The body of the mail that tells the emergency list of a policy that break-glass access was taken. */
public final class BreakGlassLetter {

    private BreakGlassLetter() {}

    public static Letter write(BreakGlassNotice notice, Letterhead head) {
        return new Letter()
                .paragraph(notice.requester().label() + " took break-glass access to the account "
                        + notice.account() + " on " + notice.resource() + ". It was granted at once, without"
                        + " approval; you are told because policy '" + notice.policy() + "' lists you for"
                        + " emergency access.")
                .field("Request", "#" + notice.requestId())
                .field("Duration", Letterhead.period(notice.duration()))
                .field("Justification", notice.justification())
                .link("Open the request", head.requestLink(notice.requestId()));
    }
}
