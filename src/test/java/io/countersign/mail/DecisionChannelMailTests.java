package io.countersign.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.Channel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where a step is decided, as the mails say it to a person: the approval mail of a step its policy
 * keeps to some channels, and the ways a refusal answer says are left, each read as received.
 */
class DecisionChannelMailTests extends OutgoingMailFixture {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "EMAIL | only by mail. | To answer by mail, reply with Approve or Reject on the first line.",
                "WEB | only on Countersign's pages. |",
                "WEB,SLACK | only on Countersign's pages or in Slack. |",
                "WEB,EMAIL | | You can also answer by mail. Reply with Approve or Reject on the first line.",
                "WEB,EMAIL,API | | You can also answer by mail. Reply with Approve or Reject on the first line.",
                "WEB,API | only on Countersign's pages or through Countersign's API. |",
                "EMAIL,TELEGRAM | only by mail or in Telegram. | To answer by mail, reply with Approve or Reject",
                "API,EMAIL | only through Countersign's API or by mail. | To answer by mail, reply with Approve",
                "API | only through Countersign's API. |",
                "SLACK,TELEGRAM | only in Slack or in Telegram. |"
            })
    void theApprovalMailSaysInWordsWhereTheStepIsDecidedAndOffersOnlyThat(String channels, String where, String byMail)
            throws Exception {
        plainSmtp(List.of());
        List<String> allowed = List.of(channels.split(","));

        mailer.send(composer.approvalRequest(decidedOnlyThrough(allowed)).message());

        String text = part(receivedOne(), "text/plain");
        // a step offered both by link and by reply needs no word on where else it is decided
        assertThat(text.contains("The policy takes decisions on this step " + where))
                .isEqualTo(where != null);
        assertThat(text)
                .doesNotContain("EMAIL", "WEB", "SLACK", "TELEGRAM", "through API", "switched off")
                .doesNotContain(allowed.contains("WEB") ? "To answer by mail" : "also answer by mail");
        assertThat(text.contains("/actions/" + TOKEN)).isEqualTo(allowed.contains("WEB"));
        assertThat(text.contains("Reply code: " + TOKEN)).isEqualTo(allowed.contains("EMAIL"));
        if (byMail != null) {
            assertThat(text).contains(byMail);
        }
    }

    @Test
    void aStepDecidedOnlyByMailSaysSoWhileRepliesAreNotRead() throws Exception {
        saveSmtp(MailServers.plainSmtp(mail));

        mailer.send(
                composer.approvalRequest(decidedOnlyThrough(List.of("EMAIL"))).message());

        assertThat(part(receivedOne(), "text/plain"))
                .contains("The policy takes decisions on this step only by mail. Approving by mail is switched off at"
                        + " present, so a reply to this mail decides nothing.")
                .doesNotContain("Reply code", "/actions/", "To answer by mail");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "EMAIL | by replying to the original mail with Approve or Reject on the first line, above the quoted"
                        + " mail.",
                "WEB | from the link in the original mail or on the request's page,"
                        + " https://countersign.example.com/requests/req-84a2.",
                "API | through Countersign's API.",
                "WEB,EMAIL | from the link in the original mail or on the request's page,"
                        + " https://countersign.example.com/requests/req-84a2, or by replying to the original mail"
                        + " with Approve or Reject on the first line, above the quoted mail.",
                "EMAIL,API | by replying to the original mail with Approve or Reject on the first line, above the"
                        + " quoted mail, or through Countersign's API.",
                "WEB,API | from the link in the original mail or on the request's page,"
                        + " https://countersign.example.com/requests/req-84a2, or through Countersign's API.",
                "WEB,EMAIL,API | from the link in the original mail or on the request's page,"
                        + " https://countersign.example.com/requests/req-84a2, or by replying to the original mail"
                        + " with Approve or Reject on the first line, above the quoted mail, or through Countersign's"
                        + " API."
            })
    void aRefusalSaysEachWayLeftToDecideInWordsThatStandAlone(String channels, String ways) throws Exception {
        plainSmtp(List.of());
        List<Channel> open =
                Arrays.stream(channels.split(",")).map(Channel::valueOf).toList();

        mailer.send(composer.refusal(new RefusalNotice(
                        "lisa@example.com",
                        "Your reply was not applied (req-84a2)",
                        "<reply-3@mail.example.com>",
                        null,
                        "The reply has no first line to read.",
                        "req-84a2",
                        open))
                .message());

        assertThat(part(receivedOne(), "text/plain"))
                .contains("Nothing was changed.", " You can still decide " + ways)
                .doesNotContain("replying to it", "EMAIL", "WEB");
    }
}
