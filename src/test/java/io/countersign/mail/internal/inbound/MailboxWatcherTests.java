package io.countersign.mail.internal.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.mail.internal.inbound.HostileMail.Case;
import io.countersign.mail.internal.inbound.HostileMail.Expected;
import io.countersign.mail.internal.inbound.RefusalReplies.RefusalReply;
import io.countersign.mail.internal.inbound.TokenTableDecider.Decision;
import io.countersign.shared.RefusalAuditLimiter;
import io.countersign.shared.ShortIds;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

@CountersignTest
@ExtendWith(OutputCaptureExtension.class)
@Import({MailTestConfiguration.class, StandInWatcher.class})
@TestPropertySource(
        properties = {
            "countersign.mail.poll-interval=1s",
            "countersign.mail.idle-refresh=1s",
            "countersign.mail.max-backoff=1s",
            "countersign.mail.lease-duration=10s",
            // how soon a change made on another instance is seen; this instance's own are seen at once
            "countersign.mail.settings-check=1s"
        })
class MailboxWatcherTests {

    private static final Duration PATIENCE = MailAwait.PATIENCE;
    private static final String LISA = "lisa@example.com";
    private static final String CAROL = "carol@example.com";

    static TestMailbox mailbox;

    @Autowired
    TestMailSettings settings;

    @Autowired
    TokenTableDecider decider;

    @Autowired
    RecordedRefusals refusals;

    @Autowired
    StandInWatcher standIn;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @BeforeAll
    static void startMailbox() {
        mailbox = TestMailbox.start();
    }

    @AfterAll
    static void stopMailbox() {
        mailbox.close();
    }

    @BeforeEach
    void readTheMailbox() {
        // past the audit allowance of the refusals of earlier tests
        clock.advance(RefusalAuditLimiter.WINDOW);
        decider.clear();
        refusals.clear();
        mailbox.clear();
        settings.reading(mailbox.endpoint(), "lgtm");
    }

    @AfterEach
    void stopReading() {
        settings.off();
    }

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

    @Test
    void theWatcherReconnectsAfterTheServerWasDownAndReadsWhatArrived() {
        String before = request();
        mailbox.deliver(
                ReplyMail.answering(before, issue(before, LISA), "Approve").bytes());
        MailAwait.patiently().until(() -> decider.decisions().size() == 1);

        mailbox.stop();
        String after = request();
        String token = issue(after, LISA);
        mailbox.restart();
        mailbox.deliver(ReplyMail.answering(after, token, "Approve").bytes());

        MailAwait.patiently().until(() -> decider.decisions().size() == 2 && mailbox.waiting() == 0);
        assertThat(decider.decisions()).extracting(Decision::requestId).containsExactly(before, after);
    }

    @Test
    void aReplyTheServerNeverAnnouncedIsReadWithinARefresh() {
        String announced = request();
        mailbox.deliver(ReplyMail.answering(announced, issue(announced, LISA), "Approve")
                .bytes());
        MailAwait.patiently().until(() -> decider.decisions().size() == 1 && mailbox.waiting() == 0);

        String unannounced = request();
        mailbox.deliverUnannounced(ReplyMail.answering(unannounced, issue(unannounced, LISA), "Approve")
                .bytes());

        MailAwait.patiently().until(() -> decider.decisions().size() == 2 && mailbox.waiting() == 0);
        assertThat(decider.decisions()).extracting(Decision::requestId).containsExactly(announced, unannounced);
    }

    @Test
    void aCrashBetweenDecidingAndDeletingDecidesOnce() throws Exception {
        String requestId = request();
        mailbox.deliver(ReplyMail.answering(requestId, issue(requestId, LISA), "Approve")
                .bytes());
        standIn.crashAfterApplyingOne(PATIENCE);
        assertThat(decider.decisions()).hasSize(1);
        assertThat(mailbox.waiting()).isEqualTo(1);

        standIn.restart();

        MailAwait.patiently().until(() -> mailbox.waiting() == 0);
        assertThat(decider.decisions()).hasSize(1);
        assertThat(refusals.sent()).isEmpty();
    }

    @Test
    void correctedSettingsEndThePauseAfterAFailureToReachTheServer() throws Exception {
        settings.off();
        MailboxWatcher patient = standIn.pausingAfterAFailureFor(Duration.ofMinutes(10));
        try (HangingUpServer broken = new HangingUpServer()) {
            settings.reading(broken.endpoint());
            MailAwait.patiently().until(() -> broken.connections() >= 1);
            String requestId = request();
            mailbox.deliver(ReplyMail.answering(requestId, issue(requestId, LISA), "Approve")
                    .bytes());

            settings.reading(mailbox.endpoint());

            MailAwait.patiently()
                    .until(() -> mailbox.waiting() == 0 && decider.decisions().size() == 1);
            assertThat(broken.connections()).isEqualTo(1);
        } finally {
            patient.stop();
            standIn.restart();
        }
    }

    @Test
    void aSaveIsSeenAtOnceWhetherTheWatcherPausesOrIdles() {
        settings.off();
        MailboxWatcher slow = standIn.slowToLook(Duration.ofMinutes(10));
        settings.tell(slow);
        try (TestMailbox elsewhere = TestMailbox.start()) {
            // each reply is filed before its server is named, so that it is read on connecting,
            // whatever the test server announces to a session that is about to IDLE
            String first = request();
            elsewhere.deliver(
                    ReplyMail.answering(first, issue(first, LISA), "Approve").bytes());
            String second = request();
            mailbox.deliver(
                    ReplyMail.answering(second, issue(second, LISA), "Approve").bytes());

            // reading was off: only the save ends the watcher's pause
            settings.reading(elsewhere.endpoint());
            MailAwait.patiently().until(() -> decider.decisions().size() == 1);

            // watching the other server, with an IDLE of up to ten minutes: only the save ends it
            settings.reading(mailbox.endpoint());

            MailAwait.patiently().until(() -> decider.decisions().size() == 2 && mailbox.waiting() == 0);
            assertThat(decider.decisions()).extracting(Decision::requestId).containsExactly(first, second);
        } finally {
            settings.forget(slow);
            slow.stop();
            standIn.restart();
        }
    }

    @Test
    void aReplyReadAfterApproveByMailWasSwitchedOffStaysInTheFolder(CapturedOutput output) {
        settings.switchedOffUnseen();
        String requestId = request();
        mailbox.deliver(ReplyMail.answering(requestId, issue(requestId, LISA), "Approve")
                .bytes());

        MailAwait.patiently().until(() -> output.getOut().contains("Approve by Mail was switched off"));
        assertThat(decider.decisions()).isEmpty();
        assertThat(refusals.sent()).isEmpty();
        assertThat(mailbox.waiting()).isEqualTo(1);

        settings.reading(mailbox.endpoint(), "lgtm");
        MailAwait.patiently().until(() -> decider.decisions().size() == 1 && mailbox.waiting() == 0);
    }

    @Test
    void withApproveByMailOffTheFolderIsLeftAlone() {
        settings.off();
        String requestId = request();
        mailbox.deliver(ReplyMail.answering(requestId, issue(requestId, LISA), "Approve")
                .bytes());

        Awaitility.await()
                .dontCatchUncaughtExceptions()
                .during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> mailbox.waiting() == 1);
        assertThat(decider.decisions()).isEmpty();

        settings.reading(mailbox.endpoint());
        MailAwait.patiently()
                .until(() -> mailbox.waiting() == 0 && decider.decisions().size() == 1);
    }

    private List<String> refusalNotes(String requestId) {
        return jdbc.sql("select note from audit_events where action = 'mail.reply_refused' and target = ? order by id")
                .param("request:" + requestId)
                .query(String.class)
                .list();
    }

    private long lastAuditId() {
        return jdbc.sql("select coalesce(max(id), 0) from audit_events")
                .query(Long.class)
                .single();
    }

    private List<String> refusalNotesSince(long auditId) {
        return jdbc.sql("select note from audit_events where action = 'mail.reply_refused' and id > ? order by id")
                .param(auditId)
                .query(String.class)
                .list();
    }

    private String issue(String requestId, String approver) {
        String token = token();
        decider.issue(token, requestId, approver);
        return token;
    }

    private static String request() {
        return ShortIds.next("req");
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    static String token() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            token.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return token.toString();
    }
}
