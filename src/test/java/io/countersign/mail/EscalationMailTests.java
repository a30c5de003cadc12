package io.countersign.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.TimesForPeople;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The approval mail of a step escalated to its reader: it says so, and after how long, so that the
 * reader knows the first approvers did not decide it; and a deadline under a minute away counts its seconds.
 */
class EscalationMailTests extends OutgoingMailFixture {

    @Test
    void anEscalatedStepSaysItWasEscalatedToTheReaderAfterItsTimeoutAndTheLastSecondsLeft() throws Exception {
        plainSmtp(List.of());
        Instant deadline = clock.instant().plus(Duration.ofSeconds(40));

        mailer.send(
                composer.approvalRequest(escalated(deadline, new ApprovalNotice.Escalation(Duration.ofHours(2), true)))
                        .message());

        MimeMessage received = receivedOne();
        for (String body : List.of(part(received, "text/plain"), part(received, "text/html"))) {
            assertThat(body)
                    .contains("This step was escalated to you: its approvers had not decided it after 2 hours.")
                    .contains(TimesForPeople.at(deadline) + " (in 40 seconds)")
                    .doesNotContain("in 0 minutes");
        }
    }

    @Test
    void aStepEscalatedBecauseItsApproversLeftSaysSoAndAFirstRoundMailSaysNothingOfEscalation() throws Exception {
        plainSmtp(List.of());
        Instant deadline = clock.instant().plus(Duration.ofHours(1));

        mailer.send(composer.approvalRequest(
                        escalated(deadline, new ApprovalNotice.Escalation(Duration.ofMinutes(35), false)))
                .message());
        mailer.send(composer.approvalRequest(escalated(deadline, null)).message());

        assertThat(mail.waitForIncomingEmail(5000, 2)).isTrue();
        assertThat(part(mail.getReceivedMessages()[0], "text/html"))
                .contains("This step was escalated to you after 35 minutes: its approvers can no longer give the"
                        + " approvals it needs.");
        assertThat(part(mail.getReceivedMessages()[1], "text/plain")).doesNotContain("escalated");
    }
}
