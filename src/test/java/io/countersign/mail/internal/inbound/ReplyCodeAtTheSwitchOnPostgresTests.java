package io.countersign.mail.internal.inbound;

import static io.countersign.notify.NotificationScene.stepDecidedOnlyThrough;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.mail.MailServers;
import io.countersign.testing.OnPostgres;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An approval mail that leaves while approving by mail is being switched on: the save's look for
 * mails without a reply code has been taken, but the save has not committed. The mail either waits
 * for the save and shows a code, or is seen by it; never is its approver left without a code.
 */
@OnPostgres
class ReplyCodeAtTheSwitchOnPostgresTests extends ApprovingByMailFixture {

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aMailOnlyStepAskedWhileTheSwitchCommitsStillReachesItsApproverWithAReplyCode() throws Exception {
        configure(MailServers.plainSmtp(mail), false);
        CountDownLatch looked = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> switchedOn = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            configure(MailServers.plainSmtp(mail), true);
            looked.countDown();
            awaitQuietly(commit);
        }));
        assertThat(looked.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        String id = scene.pending(dev, List.of(stepDecidedOnlyThrough(lisa, "EMAIL")));
        // the mail has either left before the save commits or waits for the save's lock of the settings
        MailAwait.patiently().until(() -> !asked(email(lisa), id).isEmpty() || waitingForTheSettings());
        commit.countDown();
        switchedOn.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        MailAwait.patiently().until(() -> asked(email(lisa), id).stream().anyMatch(m -> showsACode(m)));
        scene.awaitNothingDue();
        MimeMessage withCode = mailAbout(lisa, id);
        file(reply(withCode, lisa, "Approve").bytes());
        awaitStatus(id, "APPROVED");
    }

    private boolean waitingForTheSettings() {
        return jdbc.sql("""
                        select count(*) from pg_stat_activity
                        where datname = current_database() and wait_event_type = 'Lock'
                          and query like '%mail_settings%'""").query(Long.class).single() > 0;
    }

    private static boolean showsACode(MimeMessage message) {
        try {
            return text(message).contains("Reply code: ");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<MimeMessage> asked(String address, String requestId) {
        return received(address).stream()
                .filter(m -> subjectOf(m).contains("Access Approval Notification - #" + requestId))
                .toList();
    }
}
