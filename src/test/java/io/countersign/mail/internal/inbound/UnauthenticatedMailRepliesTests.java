package io.countersign.mail.internal.inbound;

import static io.countersign.notify.NotificationScene.step;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * With a trusted authentication service, a reply its header does not vouch for is refused and
 * audited, and never answered: its From address is likely forged, and an answer would reach a user who
 * never wrote.
 */
@TestPropertySource(properties = "countersign.mail.trusted-authserv-id=mx.example.com")
class UnauthenticatedMailRepliesTests extends ApprovingByMailFixture {

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
}
