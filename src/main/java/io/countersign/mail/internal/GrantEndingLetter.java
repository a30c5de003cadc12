package io.countersign.mail.internal;

import io.countersign.mail.GrantEndingNotice;

/** The body of the mail that warns a holder that their access is about to end. */
public final class GrantEndingLetter {

    private GrantEndingLetter() {}

    public static Letter write(GrantEndingNotice notice, Letterhead head) {
        return new Letter()
                .paragraph(
                        "Your access to the account " + notice.account() + " on " + notice.resource() + " ends soon.")
                .field("Grant", notice.grantId())
                .field("Request", "#" + notice.requestId())
                .field("Ends at", head.time(notice.endsAt()))
                .paragraph("To keep access, ask for an extension of this grant (POST /api/v1/grants/"
                        + notice.grantId() + "/extend) or request access again; the policy decides who "
                        + "approves it.")
                .link("Open the request", head.requestLink(notice.requestId()))
                .link("Request access again", head.newRequestLink());
    }
}
