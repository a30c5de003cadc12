package io.countersign.security;

import io.countersign.shared.LoggedText;
import java.util.ArrayList;
import java.util.List;

/** How a provider-vouched person was found to be a Countersign user, as the audit note says it. */
enum SingleSignOnMatch {
    USERNAME("matched by the username claim"),
    EMAIL("matched by the verified e-mail address"),
    CREATED("created at this sign-in");

    /** Longer than any subject a provider issues (OpenID Connect allows 255 ASCII characters). */
    private static final int LONGEST_SUBJECT = 255;

    private final String note;

    SingleSignOnMatch(String note) {
        this.note = note;
    }

    /**
     * The provider's subject and how it matched, for the audit note and the log ({@code subject 'x',
     * matched by …}); never a token. The subject is the provider's text, so it is made printable. Null
     * when there is neither.
     */
    static String describe(String subject, SingleSignOnMatch match) {
        List<String> parts = new ArrayList<>();
        if (subject != null) {
            parts.add("subject '" + LoggedText.printable(subject, LONGEST_SUBJECT) + "'");
        }
        if (match != null) {
            parts.add(match.note);
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }
}
