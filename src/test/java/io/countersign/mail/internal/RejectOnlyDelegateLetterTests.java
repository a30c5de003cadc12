package io.countersign.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.mail.ApprovalNotice;
import io.countersign.mail.Person;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A delegate kept from approving by separation of duties may still reject for the approver they stand
 * in for: the mail that offers them only Reject names that approver, as every delegate's mail does, in
 * its text and, escaped, in its HTML.
 */
class RejectOnlyDelegateLetterTests {

    private static final Instant NOW = Instant.parse("2026-12-06T21:16:20Z");
    private static final Letterhead HEAD =
            new Letterhead("Acme PAM", "https://countersign.example.com", true, List.of(), NOW);
    private static final String WHY = "you asked for this access yourself";

    @Test
    void aDelegateWhoMayOnlyRejectIsToldForWhomTheyReject() {
        Letter letter = ApprovalLetter.write(notice(new Person("lisa", "Lisa <Lead> & Co"), WHY), HEAD);

        assertThat(letter.text())
                .contains("and you may reject it but not approve it: " + WHY + ".")
                .contains("You reject it on behalf of Lisa <Lead> & Co (lisa), who delegated their approvals to"
                        + " you: your rejection counts as theirs.")
                .doesNotContain("you may approve it");
        assertThat(letter.html())
                .contains("on behalf of Lisa &lt;Lead&gt; &amp; Co (lisa), who delegated their approvals to you")
                .doesNotContain("Lisa <Lead>");
    }

    @Test
    void anApproverWhoMayOnlyRejectForThemselvesIsNamedNoDelegator() {
        String text = ApprovalLetter.write(notice(null, WHY), HEAD).text();

        assertThat(text).contains("and you may reject it but not approve it: " + WHY + ".");
        assertThat(text).doesNotContain("on behalf of", "delegated");
    }

    private static ApprovalNotice notice(Person onBehalfOf, String approvalRefused) {
        return new ApprovalNotice(
                "req-84a2",
                new Person("sam", "Sam Sec"),
                "sam@example.com",
                "reply-token",
                "link-token",
                new Person("dev", "Dana Dev"),
                "prod-postgresql",
                "rw-admin",
                Duration.ofHours(2),
                "why",
                null,
                "Security Review",
                1,
                1,
                1,
                0,
                List.of(),
                NOW.plus(Duration.ofHours(3)),
                onBehalfOf,
                List.of(),
                null,
                null,
                null,
                approvalRefused);
    }
}
