package io.countersign.mail.internal;

import io.countersign.mail.RefusalNotice;

/** The short answer to a reply that was not taken as a decision. */
public final class RefusalLetter {

    private RefusalLetter() {}

    public static Letter write(RefusalNotice notice, Letterhead head) {
        return new Letter()
                .paragraph("Your reply was not taken as a decision: " + notice.reason())
                .paragraph("Nothing was changed. You can still decide from the link in the original mail or at "
                        + head.baseUrl() + ".")
                .paragraph("This answer was sent automatically by " + head.instanceName() + ".");
    }
}
