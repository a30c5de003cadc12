package io.countersign.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The approval mail of a step escalated to its reader: it says so, and after how long, so that the
 * reader knows the first approvers did not decide it; and a deadline under a minute away reads as such.
 */
@MailTest
class EscalationMailTests {

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

    @Test
    void anEscalatedStepSaysItWasEscalatedToTheReaderAfterItsTimeoutAndTheLastSecondsLeft() throws Exception {
        plainSmtp();
        Instant deadline = clock.instant().plus(Duration.ofSeconds(40));

        mailer.send(
                composer.approvalRequest(escalated(deadline, new ApprovalNotice.Escalation(Duration.ofHours(2), true)))
                        .message());

        MimeMessage received = receivedOne();
        for (String body : List.of(
                OutgoingMailTests.part(received, "text/plain"), OutgoingMailTests.part(received, "text/html"))) {
            assertThat(body)
                    .contains("This step was escalated to you: its approvers had not decided it after 2 h.")
                    .contains("UTC, in less than a minute)")
                    .doesNotContain("in 0 min");
        }
    }

    @Test
    void aStepEscalatedBecauseItsApproversLeftSaysSoAndAFirstRoundMailSaysNothingOfEscalation() throws Exception {
        plainSmtp();
        Instant deadline = clock.instant().plus(Duration.ofHours(1));

        mailer.send(composer.approvalRequest(
                        escalated(deadline, new ApprovalNotice.Escalation(Duration.ofMinutes(35), false)))
                .message());
        mailer.send(composer.approvalRequest(escalated(deadline, null)).message());

        assertThat(mail.waitForIncomingEmail(5000, 2)).isTrue();
        assertThat(OutgoingMailTests.part(mail.getReceivedMessages()[0], "text/html"))
                .contains("This step was escalated to you after 35 min: its approvers can no longer give the"
                        + " approvals it needs.");
        assertThat(OutgoingMailTests.part(mail.getReceivedMessages()[1], "text/plain"))
                .doesNotContain("escalated");
    }

    private static ApprovalNotice escalated(Instant deadline, ApprovalNotice.Escalation escalation) {
        ApprovalNotice any = OutgoingMailTests.notice("why", "prod-postgresql", deadline);
        return new ApprovalNotice(
                any.requestId(),
                any.recipient(),
                any.recipientAddress(),
                any.actionToken(),
                any.linkToken(),
                any.requester(),
                any.resource(),
                any.account(),
                any.duration(),
                any.justification(),
                any.ticket(),
                any.stepName(),
                any.stepNumber(),
                any.stepCount(),
                any.requiredApprovals(),
                any.approvalsGiven(),
                any.otherApprovers(),
                any.deadline(),
                any.onBehalfOf(),
                any.decidedThrough(),
                any.extending(),
                escalation);
    }

    private void plainSmtp() {
        settings.update(
                OutgoingMailTests.ADMIN,
                new MailSettingsInput(
                        MailServers.plainSmtp(mail),
                        MailServers.imaps(mail, MailServers.PASSWORD, "INBOX"),
                        true,
                        List.of(),
                        null));
    }

    private static MimeMessage receivedOne() {
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        return mail.getReceivedMessages()[0];
    }
}
