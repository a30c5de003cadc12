package io.countersign.mail.internal.inbound;

import static io.countersign.notify.NotificationScene.stepDecidedOnlyThrough;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.notify.NotificationScene.Person;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Replies that carry no reply code but name a request in their subject: the answer advises only what
 * the sender can do, and names a request only when there is one.
 */
class RepliesWithoutACodeTests extends ApprovingByMailFixture {

    private static final String ID_LETTERS = "abcdefghijklmnopqrstuvwxyz23456789";

    @Test
    void aReplyAboutAStepDecidedOnlyOnThePagesIsToldToDecideThereWithTheRequestsLink() throws Exception {
        String id = scene.pending(dev, List.of(stepDecidedOnlyThrough(lisa, "WEB")));
        MimeMessage asked = mailAbout(lisa, id);
        assertThat(text(asked)).contains("only on Countersign's pages").doesNotContain("Reply code");

        file(replyWithoutCode(asked, lisa).bytes());

        MimeMessage answer = mailTo(lisa, "Your reply was not applied (" + id + ")");
        assertThat(text(answer))
                .contains(
                        "The reply carries no reply code.",
                        "Nothing was changed. The policy takes decisions on this step only on Countersign's pages."
                                + " You can still decide from the link in the original mail or on the request's page,"
                                + " https://countersign.example.com/requests/" + id + ".")
                .doesNotContain("reply to the approval mail itself", "by replying");
        assertThat(html(answer))
                .contains("only on Countersign&#39;s pages")
                .contains("https://countersign.example.com/requests/" + id);
        assertThat(status(id)).isEqualTo("PENDING");
    }

    @Test
    void aReplyFromSomeoneWhoMayNotDecideTheStepIsNotSentToThePages() throws Exception {
        String id = scene.pending(dev, List.of(stepDecidedOnlyThrough(lisa, "WEB")));

        file(replyWithoutCode(mailAbout(lisa, id), carol).bytes());

        MimeMessage answer = mailTo(carol, "Your reply was not applied");
        assertThat(text(answer)).contains("The reply carries no reply code.").doesNotContain("still decide", "pages");
        assertThat(status(id)).isEqualTo("PENDING");
    }

    @Test
    void aReplyNamingARequestThatDoesNotExistNamesNoRequestInItsAuditOrAnswer() throws Exception {
        // as a request id is written, but no request's: other tests share the database
        String missing = "req-"
                + new Random()
                        .ints(16, 0, ID_LETTERS.length())
                        .mapToObj(i -> String.valueOf(ID_LETTERS.charAt(i)))
                        .collect(Collectors.joining());

        file(ReplyMail.answering(missing, "unused", "")
                .from(email(lisa))
                .to("countersign@example.com")
                .subject("Re: #" + missing)
                .inReplyTo(null)
                .text("Approve\n")
                .bytes());

        MimeMessage answer = mailTo(lisa, "Your reply was not applied");
        assertThat(answer.getSubject()).isEqualTo("Re: Your reply was not applied");
        MailAwait.patiently().until(() -> !refusalsFrom(lisa).isEmpty());
        assertThat(refusalsFrom(lisa)).containsExactly("mail:reply");
        assertThat(refusals(missing)).isEmpty();
    }

    /** The targets of the refusals audited for this person's replies. */
    private List<String> refusalsFrom(Person person) {
        return jdbc.sql("select target from audit_events where action = 'mail.reply_refused' and note like ?"
                        + " order by id")
                .param("from " + email(person) + ": %")
                .query(String.class)
                .list();
    }
}
