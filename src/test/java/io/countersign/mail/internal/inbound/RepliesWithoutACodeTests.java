package io.countersign.mail.internal.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.notify.NotificationScene.Person;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Replies that carry no reply code but name a request in their subject: the answer names a request
 * only when there is one.
 */
class RepliesWithoutACodeTests extends ApprovingByMailFixture {

    private static final String ID_LETTERS = "abcdefghijklmnopqrstuvwxyz23456789";

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
                .body("text/plain; charset=utf-8", StandardCharsets.UTF_8, "Approve\n")
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
