package io.countersign.mail.internal.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.mail.internal.inbound.HostileMail.Case;
import io.countersign.mail.internal.inbound.HostileMail.Expected;
import io.countersign.mail.internal.inbound.RefusalReplies.RefusalReply;
import io.countersign.mail.internal.inbound.TokenTableDecider.Decision;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replies the watcher reads: applied, refused and answered, and hostile mail that decides nothing. */
class MailboxRepliesTests extends MailboxWatcherFixture {

    @Test
    void repliesApproveOrRejectAndAreDeleted() {
        String first = request();
        String second = request();
        String third = request();
        String approveToken = issue(first, LISA);
        String rejectToken = issue(second, LISA);
        String keywordToken = issue(third, CAROL);

        mailbox.deliver(
                ReplyMail.answering(first, approveToken, "Approved.").bytes(),
                ReplyMail.answering(second, rejectToken, "no, not during the freeze")
                        .bytes(),
                ReplyMail.answering(third, keywordToken, "LGTM!").from(CAROL).bytes());

        MailAwait.patiently().until(() -> decider.decisions().size() == 3 && mailbox.waiting() == 0);
        assertThat(decider.decisions())
                .containsExactlyInAnyOrder(
                        new Decision(first, LISA, true, "Approved."),
                        new Decision(second, LISA, false, "no, not during the freeze"),
                        new Decision(third, CAROL, true, "LGTM!"));
        assertThat(refusals.sent()).isEmpty();
    }

    @Test
    void anApproversRepliesWithOneReplyCodeCountInTheOrderTheyArrived() {
        List<byte[]> replies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String requestId = request();
            String token = issue(requestId, LISA);
            replies.add(ReplyMail.answering(requestId, token, "Approve").bytes());
            replies.add(ReplyMail.answering(requestId, token, "Reject, sent by mistake")
                    .bytes());
        }

        mailbox.deliver(replies);

        MailAwait.patiently()
                .until(() -> mailbox.waiting() == 0 && refusals.sent().size() == 4);
        assertThat(decider.decisions()).hasSize(4).allMatch(Decision::approve);
        assertThat(refusals.sent()).extracting(RefusalReply::reason).containsOnly("the reply code was already used");
    }

    @Test
    void aReplyFromAnotherAddressIsRefusedAuditedAndAnswered() {
        String requestId = request();
        String token = issue(requestId, LISA);

        ReplyMail reply = ReplyMail.answering(requestId, token, "Approve").from("lisa.private@example.net");
        mailbox.deliver(reply.bytes());

        MailAwait.patiently()
                .until(() -> mailbox.waiting() == 0 && !refusals.sent().isEmpty());
        assertThat(decider.decisions()).isEmpty();
        RefusalReply answer = refusals.sent().get(0);
        assertThat(answer.to()).isEqualTo("lisa.private@example.net");
        assertThat(answer.inReplyTo()).isEqualTo(reply.messageId());
        assertThat(answer.reason()).isEqualTo("the reply did not come from the address the notification went to");
        assertThat(answer.text()).doesNotContain(token);
        assertThat(refusalNotes(requestId))
                .containsExactly(
                        "from lisa.private@example.net: the reply did not come from the address the notification went to");
    }

    @Test
    void aForgedSenderWithAStolenSubjectIsRefused() {
        String requestId = request();
        issue(requestId, LISA);
        String guessed = token();

        mailbox.deliver(
                ReplyMail.answering(requestId, guessed, "Approve").bytes(),
                ReplyMail.answering(requestId, "", "Approve")
                        .to("countersign@example.com")
                        .body("text/plain", java.nio.charset.StandardCharsets.UTF_8, "Approve\n")
                        .bytes());

        MailAwait.patiently()
                .until(() -> mailbox.waiting() == 0 && refusals.sent().size() == 2);
        assertThat(decider.decisions()).isEmpty();
        assertThat(refusals.sent())
                .extracting(RefusalReply::reason)
                .containsExactlyInAnyOrder("the reply code is unknown", "the reply carries no reply code");
        assertThat(refusalNotes(requestId)).hasSize(2).noneMatch(note -> note.contains(guessed));
    }

    @Test
    void aReplayedReplyIsRefusedAndTheSameMessageReadAgainIsOnlyDeleted() {
        String requestId = request();
        String token = issue(requestId, LISA);
        ReplyMail reply = ReplyMail.answering(requestId, token, "Approve");
        mailbox.deliver(reply.bytes());
        MailAwait.patiently().until(() -> decider.decisions().size() == 1 && mailbox.waiting() == 0);

        mailbox.deliver(
                reply.bytes(), ReplyMail.answering(requestId, token, "Approve").bytes());

        MailAwait.patiently()
                .until(() -> mailbox.waiting() == 0 && refusals.sent().size() == 1);
        assertThat(decider.decisions()).hasSize(1);
        assertThat(refusals.sent().get(0).reason()).isEqualTo("the reply code was already used");
    }

    @Test
    void hostileMailIsReadDeletedAndNeverApprovesAndTheNextReplyIsStillDecided() {
        long before = lastAuditId();
        List<byte[]> corpus = new ArrayList<>();
        List<String> requests = new ArrayList<>();
        for (Case hostile : HostileMail.CORPUS) {
            String requestId = request();
            requests.add(requestId);
            corpus.add(HostileMail.load(hostile.file(), requestId, issue(requestId, LISA), LISA));
        }
        mailbox.deliver(corpus);
        String good = request();
        mailbox.deliver(ReplyMail.answering(good, issue(good, LISA), "Yes").bytes());

        MailAwait.patiently()
                .until(() -> mailbox.waiting() == 0
                        && decider.decisions().stream()
                                .anyMatch(d -> d.requestId().equals(good)));
        assertThat(decider.decisions())
                .filteredOn(Decision::approve)
                .extracting(Decision::requestId)
                .containsExactly(good);
        long rejecting = HostileMail.CORPUS.stream()
                .filter(c -> c.expected() == Expected.REJECTS)
                .count();
        assertThat(decider.decisions()).hasSize((int) rejecting + 1);
        long answerable = HostileMail.CORPUS.stream()
                .filter(c -> c.expected() == Expected.REFUSED && !c.reason().contains("sender"))
                .count();
        assertThat(refusals.sent()).hasSize((int) answerable);
        // nothing vouched for the senders, so refusals for one reason share one audit row a minute
        List<String> reasons = HostileMail.CORPUS.stream()
                .filter(c -> c.expected() != Expected.REJECTS)
                .map(Case::reason)
                .distinct()
                .toList();
        MailAwait.patiently().until(() -> refusalNotesSince(before).size() >= reasons.size());
        List<String> notes = refusalNotesSince(before);
        assertThat(notes).hasSameSizeAs(reasons);
        reasons.forEach(reason -> assertThat(notes).anyMatch(note -> note.contains(reason)));
    }
}
