package io.countersign.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.shared.TimesForPeople;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutgoingMailTests extends OutgoingMailFixture {

    @Test
    void theApprovalMailSaysWhoAsksForWhatAndHowToAnswer() throws Exception {
        plainSmtp(List.of("Granted"));
        Instant deadline = clock.instant().plus(Duration.ofHours(4));

        ComposedMail composed =
                composer.approvalRequest(notice("INC-123 failover of the primary", "prod-postgresql", deadline));
        mailer.send(composed.message());

        MimeMessage received = receivedOne();
        assertThat(received.getSubject()).isEqualTo("Acme PAM - Access Approval Notification - #req-84a2");
        assertThat(received.getRecipients(Message.RecipientType.TO)[0].toString())
                .isEqualTo("Lisa Lead <lisa@example.com>");
        assertThat(received.getReplyTo()[0].toString()).isEqualTo("Acme PAM <countersign+" + TOKEN + "@example.com>");
        assertThat(received.getHeader("Message-ID")[0]).isEqualTo(composed.messageId());
        assertThat(composed.messageId()).matches("<countersign\\.req-84a2\\.2\\.[0-9a-f]{20}@example\\.com>");
        assertThat(received.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(received.getHeader("X-Auto-Response-Suppress")).containsExactly("All");
        // the greeting names the public address's host, not the machine
        assertThat(received.getHeader("Received")[0]).contains("(HELO countersign.example.com)");

        String text = part(received, "text/plain");
        String html = part(received, "text/html");
        for (String body : List.of(text, html)) {
            assertThat(body)
                    .contains("Dana Dev (dev)")
                    .contains("rw-admin")
                    .contains("prod-postgresql")
                    .contains("2 hours")
                    .contains("INC-123 failover of the primary")
                    .contains("CHG-42")
                    .contains("Security Review (step 2 of 3)")
                    .contains("0 of 1 required approvals given")
                    .contains("Carol Sec (carol), Sam Sec (sam)")
                    .contains(TimesForPeople.at(deadline) + " (in 4 hours)")
                    .contains("https://countersign.example.com/requests/req-84a2")
                    .contains("https://countersign.example.com/actions/" + TOKEN)
                    .contains("Reply with Approve or Reject on the first line")
                    .contains("Yes, Approve, Approved, Ok, Granted")
                    .contains("Reply code: " + TOKEN);
        }
        assertThat(html).contains("<a href=\"https://countersign.example.com/actions/" + TOKEN + "\">");
    }

    @Test
    void everyValueIsEscapedInTheHtmlPart() throws Exception {
        plainSmtp(List.of());

        mailer.send(composer.approvalRequest(notice("<script>alert('x')</script> & more", "R&D <db>", null))
                .message());

        MimeMessage received = receivedOne();
        String html = part(received, "text/html");
        assertThat(html)
                .doesNotContain("<script>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more")
                .contains("R&amp;D &lt;db&gt;")
                .doesNotContain("R&D <db>");
        assertThat(part(received, "text/plain")).contains("<script>alert('x')</script> & more", "R&D <db>");
    }

    @Test
    void anExtensionMailSaysWhichGrantItLengthensWhenThatEndsAndHowMuchMoreIsAsked() throws Exception {
        plainSmtp(List.of());
        Instant end = clock.instant().plus(Duration.ofMinutes(30));

        mailer.send(composer.approvalRequest(extensionNotice("R&D <db>", new ApprovalNotice.Extension("grt-7c1d", end)))
                .message());

        MimeMessage received = receivedOne();
        String text = part(received, "text/plain");
        String html = part(received, "text/html");
        assertThat(text)
                .contains("Dana Dev (dev) asks to extend grant grt-7c1d, their access to the account rw-admin on "
                        + "R&D <db> ending at " + TimesForPeople.at(end) + " (in 30 minutes)")
                .contains("by 2 hours more, and you may approve it.")
                .contains("Extends: grant grt-7c1d, ending at " + TimesForPeople.at(end) + " (in 30 minutes)")
                .contains("Duration: 2 hours more");
        assertThat(html)
                .contains("asks to extend grant grt-7c1d, their access to the account rw-admin on R&amp;D &lt;db&gt;")
                .contains("<th align=\"left\" valign=\"top\">Extends</th><td>grant grt-7c1d, ending at "
                        + TimesForPeople.at(end) + " (in 30 minutes)</td>")
                .contains("<td>2 hours more</td>")
                .doesNotContain("R&D <db>");
    }

    @Test
    void aRequestForNewAccessIsNoExtension() throws Exception {
        plainSmtp(List.of());

        mailer.send(
                composer.approvalRequest(notice("why", "prod-postgresql", null)).message());

        assertThat(part(receivedOne(), "text/plain"))
                .contains("asks for access to the account rw-admin on prod-postgresql")
                .doesNotContain("2 hours more")
                .doesNotContain("extend")
                .doesNotContain("Extends");
    }

    @Test
    void withoutApprovingByMailTheMailOffersOnlyTheLinks() throws Exception {
        saveSmtp(MailServers.plainSmtp(mail));

        mailer.send(
                composer.approvalRequest(notice("why", "prod-postgresql", null)).message());

        MimeMessage received = receivedOne();
        assertThat(received.getHeader("Reply-To")).isNull();
        assertThat(part(received, "text/plain"))
                .contains("/actions/" + TOKEN)
                .doesNotContain("Reply code")
                .doesNotContain("first line");
    }

    @Test
    void theOutcomeMailTellsTheRequesterWhoDecidedAndForHowLong() throws Exception {
        plainSmtp(List.of());
        Instant start = clock.instant();

        mailer.send(composer.outcome(new OutcomeNotice(
                        "req-84a2",
                        new Person("dev", "Dana Dev"),
                        "dev@example.com",
                        "prod-postgresql",
                        "rw-admin",
                        OutcomeNotice.Outcome.APPROVED,
                        new Person("carol", "Carol Sec"),
                        null,
                        "looks fine",
                        start,
                        start.plus(Duration.ofHours(2))))
                .message());

        MimeMessage received = receivedOne();
        assertThat(received.getSubject()).isEqualTo("Acme PAM - Access Request Approved - #req-84a2");
        assertThat(received.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(part(received, "text/plain"))
                .contains("was approved by Carol Sec (carol)")
                .contains("looks fine")
                .contains("Access from: " + TimesForPeople.at(start) + " (now)")
                .contains("Access until: " + TimesForPeople.at(start.plus(Duration.ofHours(2))) + " (in 2 hours)")
                .contains("https://countersign.example.com/requests/req-84a2");
    }

    @Test
    void theGrantEndingMailSaysWhenAndHowToKeepAccess() throws Exception {
        plainSmtp(List.of());
        Instant end = clock.instant().plus(Duration.ofMinutes(15));

        mailer.send(composer.grantEnding(new GrantEndingNotice(
                        "grt-7c1d",
                        "req-84a2",
                        new Person("dev", "Dana Dev"),
                        "dev@example.com",
                        "prod-postgresql",
                        "rw-admin",
                        end))
                .message());

        MimeMessage received = receivedOne();
        assertThat(received.getSubject()).isEqualTo("Acme PAM - Access Ending Soon - #req-84a2");
        assertThat(part(received, "text/plain"))
                .contains("grt-7c1d")
                .contains("Ends at: " + TimesForPeople.at(end) + " (in 15 minutes)")
                .contains("/api/v1/grants/grt-7c1d/extend")
                .contains("https://countersign.example.com/requests/new");
    }

    @Test
    void theBreakGlassReviewMailAsksTheReviewerAndSaysWhenItIsDue() throws Exception {
        plainSmtp(List.of());
        Instant due = clock.instant().plus(Duration.ofHours(8));

        mailer.send(composer.breakGlassUsed(new BreakGlassNotice(
                        BreakGlassNotice.Why.REVIEW,
                        "req-84a2",
                        new Person("rita", "Rita Review"),
                        "rita@example.com",
                        new Person("dev", "Dana Dev"),
                        "prod-postgresql",
                        "rw-admin",
                        Duration.ofHours(1),
                        "prod-db",
                        "primary down",
                        null,
                        due,
                        null,
                        List.of()))
                .message());

        MimeMessage received = receivedOne();
        assertThat(received.getSubject()).isEqualTo("Acme PAM - Break-Glass Access To Review - #req-84a2");
        assertThat(part(received, "text/plain"))
                .contains("names you as a reviewer")
                .contains("Review due: " + TimesForPeople.at(due) + " (in 8 hours)")
                .contains("https://countersign.example.com/requests/req-84a2");
    }

    @Test
    void aRefusalAnswersInTheThreadAsAnAutomaticReply() throws Exception {
        plainSmtp(List.of());

        ComposedMail composed = composer.refusal(new RefusalNotice(
                "lisa@example.com",
                "RE: Acme PAM - Access Approval Notification - #req-84a2",
                "<reply-1@mail.example.com>",
                "<countersign.req-84a2.2.00@example.com>",
                "This request was already decided."));
        mailer.send(composed.message());

        MimeMessage received = receivedOne();
        assertThat(received.getSubject()).isEqualTo("RE: Acme PAM - Access Approval Notification - #req-84a2");
        assertThat(received.getHeader("In-Reply-To")[0]).isEqualTo("<reply-1@mail.example.com>");
        assertThat(received.getHeader("References")[0])
                .isEqualTo("<countersign.req-84a2.2.00@example.com> <reply-1@mail.example.com>");
        assertThat(received.getHeader("Auto-Submitted")).containsExactly("auto-replied");
        assertThat(part(received, "text/plain")).contains("This request was already decided.");
    }

    @Test
    void lineBreaksInValuesCannotAddHeadersOrRecipients() throws Exception {
        plainSmtp(List.of());

        mailer.send(composer.refusal(new RefusalNotice(
                        "lisa@example.com",
                        "Hello\r\nBcc: victim@example.org\r\nX-Injected: subject",
                        "<reply-2@mail.example.com>\r\nX-Injected: in-reply-to",
                        null,
                        "Not an answer."))
                .message());

        MimeMessage received = receivedOne();
        assertThat(received.getAllRecipients()).hasSize(1);
        assertThat(received.getHeader("X-Injected")).isNull();
        assertThat(received.getHeader("Bcc")).isNull();
        assertThat(received.getSubject()).startsWith("Re: Hello").contains("Bcc: victim@example.org");
        assertThat(mail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void overTlsTheGivenCertificateIsTrustedAndTheLoginUsed() throws Exception {
        saveSmtp(MailServers.tlsSmtp(mail));

        mailer.send(
                composer.approvalRequest(notice("why", "prod-postgresql", null)).message());

        assertThat(receivedOne().getSubject()).endsWith("#req-84a2");
    }

    @Test
    void aWrongPasswordFailsWithTheServersAnswer() {
        var tls = MailServers.tlsSmtp(mail);
        saveSmtp(new MailSettingsInput.Smtp(
                tls.host(),
                tls.port(),
                tls.security(),
                tls.username(),
                "wrong-password",
                tls.from(),
                tls.trustedCertificate()));
        ComposedMail composed = composer.approvalRequest(notice("why", "prod-postgresql", null));

        assertThatThrownBy(() -> mailer.send(composed.message()))
                .isInstanceOf(MailNotSent.class)
                .hasMessageContaining("535");
    }

    @Test
    void startTlsIsRequiredNeverOpportunistic() {
        var plain = MailServers.plainSmtp(mail);
        saveSmtp(new MailSettingsInput.Smtp(
                plain.host(), plain.port(), MailSecurity.STARTTLS, null, null, plain.from(), null));
        ComposedMail composed = composer.approvalRequest(notice("why", "prod-postgresql", null));

        // GreenMail does not offer STARTTLS: the mail must not go out in clear text
        assertThatThrownBy(() -> mailer.send(composed.message()))
                .isInstanceOf(MailNotSent.class)
                .hasMessageContaining("STARTTLS");
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    private static ApprovalNotice extensionNotice(String resource, ApprovalNotice.Extension extending) {
        return notice("INC-123 runs long", resource, null, extending);
    }
}
