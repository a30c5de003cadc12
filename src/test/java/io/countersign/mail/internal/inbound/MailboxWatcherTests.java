package io.countersign.mail.internal.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.mail.MailSettings;
import io.countersign.mail.internal.inbound.TokenTableDecider.Decision;
import io.countersign.testing.TcpProxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.system.CapturedOutput;

/** How the watcher keeps reading: reconnecting, refreshing, crashing mid-way, and following saved settings. */
class MailboxWatcherTests extends MailboxWatcherFixture {

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
    void aWatcherKeepsItsOneConnectionAcrossRefreshesAndReadsAReplyAfterThem(CapturedOutput output) throws Exception {
        settings.off();
        // refreshes further apart than the server lets a connection that says nothing live, which is
        // still long enough for settling a reply between two commands on a busy machine
        MailboxWatcher refreshing = standIn.slowToLook(Duration.ofSeconds(4));
        settings.tell(refreshing);
        try (TestMailbox strict = TestMailbox.droppingConnectionsSilentFor(Duration.ofSeconds(3));
                TcpProxy relay =
                        TcpProxy.to(strict.endpoint().host(), strict.endpoint().port())) {
            settings.reading(through(relay, strict.endpoint()), "lgtm");

            MailAwait.patiently()
                    .alias("one connection through three refreshes")
                    .during(Duration.ofSeconds(12))
                    .until(() -> relay.connections() == 1);
            String requestId = request();
            strict.deliver(ReplyMail.answering(requestId, issue(requestId, LISA), "Approve")
                    .bytes());

            MailAwait.patiently().until(() -> decider.decisions().size() == 1 && strict.waiting() == 0);
            assertThat(relay.connections()).isEqualTo(1);
            assertThat(output.getOut()).doesNotContain("Cannot read replies");
        } finally {
            settings.forget(refreshing);
            refreshing.stop();
            standIn.restart();
        }
    }

    @Test
    void aReplyThatArrivesWhileAnotherIsSettledIsReadWithoutWaitingForARefresh() {
        settings.off();
        String first = request();
        String second = request();
        byte[] secondReply =
                ReplyMail.answering(second, issue(second, LISA), "Approve").bytes();
        AtomicBoolean once = new AtomicBoolean(true);
        // refreshes ten minutes apart: only the server's announcement of the second reply brings it in
        MailboxWatcher slow = standIn.slowToLook(Duration.ofMinutes(10), message -> {
            if (once.getAndSet(false)) {
                mailbox.deliver(secondReply);
            }
        });
        settings.tell(slow);
        try {
            // filed before the watcher connects, so that it is read on connecting
            mailbox.deliver(
                    ReplyMail.answering(first, issue(first, LISA), "Approve").bytes());
            settings.reading(mailbox.endpoint(), "lgtm");

            MailAwait.patiently().until(() -> decider.decisions().size() == 2 && mailbox.waiting() == 0);
            assertThat(decider.decisions()).extracting(Decision::requestId).containsExactly(first, second);
        } finally {
            settings.forget(slow);
            slow.stop();
            standIn.restart();
        }
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

    /** The server's settings with the relay in its place. */
    private static MailSettings.Imap through(TcpProxy relay, MailSettings.Imap server) {
        return new MailSettings.Imap(
                server.host(),
                relay.port(),
                server.security(),
                server.username(),
                server.password(),
                server.folder(),
                server.trustedCertificate());
    }
}
