package io.countersign.mail.internal.inbound;

import static io.countersign.notify.NotificationScene.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.RefusalAuditLimiter;
import io.countersign.testing.Api;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * With a trusted authentication service, a reply its header does not vouch for is refused and
 * audited, and never answered: its From address is likely forged, and an answer would reach a user who
 * never wrote. Whoever writes, forged or unknown, grows the audit log by one row per reason a minute
 * at most, and never hides the refusals of a user the service vouched for.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "countersign.mail.trusted-authserv-id=mx.example.com")
class UnauthenticatedMailRepliesTests extends ApprovingByMailFixture {

    private static final String NOT_VOUCHED_FOR = "the sender's domain was not authenticated by mx.example.com";

    @Test
    void aReplyNothingVouchesForIsRefusedAndAuditedButNotAnswered() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa)));
        MimeMessage asked = mailAbout(lisa, id);

        file(reply(asked, lisa, "Approve")
                .header("Authentication-Results: (forged) mx.example.com; dmarc=pass header.from=example.com")
                .bytes());

        // an answer leaves before the message is deleted: once it is gone, none was sent
        MailAwait.patiently().until(() -> waiting() == 0 && !refusals(id).isEmpty());
        assertThat(refusals(id))
                .containsExactly(
                        "from " + email(lisa) + ": the sender's domain was not authenticated by mx.example.com");
        assertThat(received(email(lisa)).stream().map(ApprovingByMailFixture::subjectOf))
                .noneMatch(subject -> subject.contains("not applied"));
        assertThat(status(id)).isEqualTo("PENDING");
    }

    @Test
    void aForgedSendersTerminalEscapesReachNeitherTheApplicationLogNorTheAuditLog(CapturedOutput output)
            throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa)));

        file(reply(mailAbout(lisa, id), lisa, "Approve")
                .from("mallory\u001b[2J\u001b[31mFAKE@evil.com")
                .bytes());

        MailAwait.patiently().until(() -> waiting() == 0 && !refusals(id).isEmpty());
        String shown = "mallory?[2j?[31mfake@evil.com";
        assertThat(refusals(id)).containsExactly("from " + shown + ": " + NOT_VOUCHED_FOR);
        assertThat(output.getOut())
                .contains("Refused a reply by mail from " + shown + " about " + id + ": " + NOT_VOUCHED_FOR)
                .doesNotContain("\u001b[2j");
        assertThat(status(id)).isEqualTo("PENDING");
    }

    @Test
    void aSenderWrittenInUtf8IsShownAsWrittenButForItsLineBreaks(CapturedOutput output) throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa)));

        file(reply(mailAbout(lisa, id), lisa, "Approve")
                .from("li\u0085sa\u2028@ex\u0430mple.com")
                .bytes());

        MailAwait.patiently().until(() -> waiting() == 0 && !refusals(id).isEmpty());
        String shown = "li?sa?@ex\u0430mple.com";
        assertThat(refusals(id)).containsExactly("from " + shown + ": " + NOT_VOUCHED_FOR);
        assertThat(output.getOut()).contains("Refused a reply by mail from " + shown + " about " + id);
    }

    @Test
    void aFloodOfForgedRepliesIsAuditedOnceAMinuteAndTheNextRowCountsTheRest() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa)));
        MimeMessage asked = mailAbout(lisa, id);
        String reason = "the sender's domain was not authenticated by mx.example.com";

        file(
                reply(asked, lisa, "Approve").bytes(),
                reply(asked, carol, "Approve").bytes(),
                reply(asked, lisa, "Approve")
                        .from(Api.unique("spam") + "@example.net")
                        .bytes(),
                reply(asked, lisa, "Approve")
                        .from(Api.unique("spam") + "@example.org")
                        .bytes());

        MailAwait.patiently().until(() -> waiting() == 0 && !refusals(id).isEmpty());
        assertThat(refusals(id)).hasSize(1).allMatch(note -> note.endsWith(": " + reason));

        clock.advance(RefusalAuditLimiter.WINDOW);
        file(reply(asked, lisa, "Approve").bytes());

        MailAwait.patiently().until(() -> waiting() == 0 && refusals(id).size() == 2);
        assertThat(refusals(id).get(1))
                .isEqualTo("from " + email(lisa) + ": " + reason
                        + " (3 more like it since the last one recorded were not recorded)");
        assertThat(status(id)).isEqualTo("PENDING");
    }

    @Test
    void aVouchedForUsersRefusalIsAuditedThroughAFloodOfStrangersMail() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa, carol)));
        MimeMessage askedCarol = mailAbout(carol, id);
        String reason = "the reply did not come from the address the notification went to";

        file(
                vouched(reply(askedCarol, carol, "Approve").from(Api.unique("spam") + "@example.net")),
                vouched(reply(askedCarol, carol, "Approve").from(Api.unique("spam") + "@example.net")),
                vouched(reply(askedCarol, carol, "Approve").from(Api.unique("spam") + "@example.net")));
        MailAwait.patiently().until(() -> waiting() == 0 && !refusals(id).isEmpty());

        file(vouched(reply(askedCarol, lisa, "Approve")));

        MailAwait.patiently().until(() -> waiting() == 0 && refusals(id).size() == 2);
        assertThat(refusals(id).get(0)).endsWith("@example.net: " + reason);
        assertThat(refusals(id).get(1)).isEqualTo("from " + email(lisa) + ": " + reason);
        assertThat(status(id)).isEqualTo("PENDING");
    }

    /** The reply as the receiving server delivers it when its sender's domain passed DMARC. */
    private static byte[] vouched(ReplyMail reply) {
        return reply.header("Authentication-Results: mx.example.com; dmarc=pass")
                .bytes();
    }
}
