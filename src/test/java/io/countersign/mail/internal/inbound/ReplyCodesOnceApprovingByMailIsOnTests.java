package io.countersign.mail.internal.inbound;

import static io.countersign.notify.NotificationScene.step;
import static io.countersign.notify.NotificationScene.stepDecidedOnlyThrough;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.mail.MailServers;
import io.countersign.shared.Timestamps;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Approval mails sent while approving by mail was off carry no reply code. Once it is switched on,
 * each approver still asked to decide a step that takes decisions by mail is mailed again, once, with
 * a code; an approver whose mail had one is not.
 */
class ReplyCodesOnceApprovingByMailIsOnTests extends ApprovingByMailFixture {

    @Test
    void aMailOnlyStepAskedWhileApprovingByMailWasOffIsAskedAgainOnceWithAReplyCodeWhenItIsOn() throws Exception {
        String withCode = scene.pending(dev, List.of(step(1, carol)));
        mailAbout(carol, withCode);
        configure(MailServers.plainSmtp(mail), false);
        String id = scene.pending(dev, List.of(stepDecidedOnlyThrough(lisa, "EMAIL")));
        assertThat(text(mailAbout(lisa, id)))
                .contains("Approving by mail is switched off at present")
                .doesNotContain("Reply code");

        configure(MailServers.plainSmtp(mail), true);
        MailAwait.patiently().until(() -> asked(email(lisa), id).size() == 2);
        scene.awaitNothingDue();
        configure(MailServers.plainSmtp(mail), false);
        configure(MailServers.plainSmtp(mail), true);

        scene.awaitNothingDue();
        assertThat(asked(email(lisa), id)).hasSize(2);
        assertThat(asked(email(carol), withCode)).hasSize(1);
        MimeMessage again = mailAbout(lisa, id);
        assertThat(text(again)).contains("Reply code: " + tokenOf(again)).doesNotContain("switched off");
        file(reply(again, lisa, "Approve").bytes());
        awaitStatus(id, "APPROVED");
    }

    @Test
    void aReplyWithoutACodeToAMailThatHadNoneIsNotToldToReplyToAMailThatShowsOne() throws Exception {
        configure(MailServers.plainSmtp(mail), false);
        String id = scene.pending(dev, List.of(stepDecidedOnlyThrough(lisa, "EMAIL")));
        MimeMessage asked = mailAbout(lisa, id);
        // as though another instance had queued lisa's new mail already: none is sent from here
        jdbc.sql("insert into mail_reply_code_resends (request_id, step, approver_id, mails, queued_at)"
                        + " values (?, 0, ?, 1, ?)")
                .params(id, lisa.id(), Timestamps.toDb(scene.now()))
                .update();
        configure(MailServers.plainSmtp(mail), true);

        file(replyWithoutCode(asked, lisa).to("countersign@example.com").bytes());

        MimeMessage answer = mailTo(lisa, "Your reply was not applied (" + id + ")");
        assertThat(text(answer))
                .contains(
                        "The reply carries no reply code.",
                        "Nothing was changed. The approval mail you were sent about this step shows no reply code:"
                                + " it left while approving by mail was switched off. Countersign mails you a new"
                                + " one with a reply code once approving by mail is on; reply to that one.")
                .doesNotContain("one that shows a reply code");
        assertThat(status(id)).isEqualTo("PENDING");
        scene.awaitNothingDue();
        assertThat(asked(email(lisa), id)).hasSize(1);
    }

    private static List<MimeMessage> asked(String address, String requestId) {
        return received(address).stream()
                .filter(m -> subjectOf(m).contains("Access Approval Notification - #" + requestId))
                .toList();
    }
}
