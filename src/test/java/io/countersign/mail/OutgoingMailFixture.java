package io.countersign.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the tests of outgoing mail share: a real mail server, the mail settings that send through it,
 * the composer and the mailer, and the approval notice of lisa's step on dev's request {@code req-84a2}
 * as the sender writes it.
 */
@MailTest
abstract class OutgoingMailFixture {

    static final String TOKEN = "k3jq7x2mfa5tzb4wr6ycn2dhe7vgu3pa";
    static final Actor ADMIN = new Actor("admin", Role.ADMIN, Channel.API, null);

    @RegisterExtension
    static final GreenMailExtension mail = MailServers.extension();

    @Autowired
    MailSettingsService settings;

    @Autowired
    MailComposer composer;

    @Autowired
    Mailer mailer;

    @Autowired
    Clock clock;

    /** Only an SMTP server: approving by mail is off. */
    void saveSmtp(MailSettingsInput.Smtp smtp) {
        settings.update(ADMIN, new MailSettingsInput(smtp, null, false, List.of(), null));
    }

    /** Plain SMTP out and the IMAPS mailbox read for replies: approving by mail is on. */
    void plainSmtp(List<String> keywords) {
        settings.update(
                ADMIN,
                new MailSettingsInput(
                        MailServers.plainSmtp(mail),
                        MailServers.imaps(mail, MailServers.PASSWORD, "INBOX"),
                        true,
                        keywords,
                        null));
    }

    static MimeMessage receivedOne() {
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        return mail.getReceivedMessages()[0];
    }

    static String part(Part message, String type) throws Exception {
        Multipart alternatives = (Multipart) message.getContent();
        for (int i = 0; i < alternatives.getCount(); i++) {
            var part = alternatives.getBodyPart(i);
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    static ApprovalNotice notice(String justification, String resource, Instant deadline) {
        return notice(justification, resource, deadline, null);
    }

    static ApprovalNotice notice(
            String justification, String resource, Instant deadline, ApprovalNotice.Extension extending) {
        return approval(justification, resource, deadline, List.of(), TOKEN, TOKEN, extending, null);
    }

    /**
     * The notice of a step its policy keeps to {@code channels}: a reply code only where mail decides
     * it, a link only where the pages do.
     */
    static ApprovalNotice decidedOnlyThrough(List<String> channels) {
        return approval(
                "why",
                "prod-postgresql",
                null,
                channels,
                channels.contains("EMAIL") ? TOKEN : null,
                channels.contains("WEB") ? TOKEN : null,
                null,
                null);
    }

    /** The notice of a step escalated to its reader as {@code escalation} says; none when null. */
    static ApprovalNotice escalated(Instant deadline, ApprovalNotice.Escalation escalation) {
        return approval("why", "prod-postgresql", deadline, List.of(), TOKEN, TOKEN, null, escalation);
    }

    private static ApprovalNotice approval(
            String justification,
            String resource,
            Instant deadline,
            List<String> decidedThrough,
            String actionToken,
            String linkToken,
            ApprovalNotice.Extension extending,
            ApprovalNotice.Escalation escalation) {
        return new ApprovalNotice(
                "req-84a2",
                new Person("lisa", "Lisa Lead"),
                "lisa@example.com",
                actionToken,
                linkToken,
                new Person("dev", "Dana Dev"),
                resource,
                "rw-admin",
                Duration.ofHours(2),
                justification,
                "CHG-42",
                "Security Review",
                2,
                3,
                1,
                0,
                List.of(
                        new ApprovalNotice.Approver(new Person("carol", "Carol Sec"), List.of()),
                        new ApprovalNotice.Approver(new Person("sam", "Sam Sec"), List.of())),
                deadline,
                null,
                decidedThrough,
                extending,
                escalation,
                null,
                null);
    }
}
