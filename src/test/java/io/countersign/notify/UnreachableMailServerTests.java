package io.countersign.notify;

import static io.countersign.notify.NotificationScene.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.countersign.mail.MailServers;
import io.countersign.mail.MailSettingsInput;
import io.countersign.mail.MailSettingsService;
import io.countersign.mail.SilentMailServer;
import io.countersign.notify.NotificationScene.Person;
import io.countersign.notify.internal.WebhookProperties;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import io.countersign.testing.MutableClock;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A burst of approval mail to a mail server that accepts connections and never answers, each mail
 * holding a sender for the mail timeout: webhooks, which enforcement points rely on, go out meanwhile,
 * and the mail channel pauses instead of spending a sender and a timeout on every queued mail.
 */
@WebhookTest
@Import({NotificationScene.class, RecordingSender.class, DeliveryRuns.class})
@TestPropertySource(properties = {"countersign.mail.connect-timeout=2s", "countersign.mail.timeout=2s"})
class UnreachableMailServerTests extends WebhookReceiverTestBase {

    static final Actor ADMIN = new Actor("admin", Role.ADMIN, Channel.API, null);
    static final Duration PATIENCE = WebhookFixtures.PATIENCE;

    @RegisterExtension
    static final GreenMailExtension mail = MailServers.extension();

    @Autowired
    NotificationScene scene;

    @Autowired
    MailSettingsService settings;

    @Autowired
    WebhookProperties delivery;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    DeliveryRuns runs;

    SilentMailServer silent;
    List<Person> approvers;
    String requestId;

    @BeforeEach
    void approvalMailQueuedForAServerThatNeverAnswers() throws IOException {
        silent = new SilentMailServer();
        settings.update(ADMIN, new MailSettingsInput(silent.smtp(), null, false, List.of(), null));
        scene.defaultsTo(List.of("EMAIL"));
        Person dev = scene.person("dev");
        approvers = IntStream.range(0, backlog())
                .mapToObj(i -> scene.person("approver"))
                .toList();
        requestId = scene.pending(dev, List.of(step(1, approvers.toArray(Person[]::new))));
    }

    @AfterEach
    void stopTheSilentServerOnceTheMailChannelIsDone() {
        // an attempt still waiting on this server would otherwise pause the channel in the next test
        awaitTwoMoreMailRuns();
        silent.close();
    }

    @Test
    void aWebhookQueuedBehindTheMailIsSentBeforeTheMailHasBeenTried() {
        fixtures.create(receiver.url(), "fairness-secret-0123456789", "request.created");
        fixtures.publish(TestEvent.request("request.created", "req-fa1r0001"));

        fixtures.awaitReceived(receiver, 1);

        // in due order the webhook would wait until every mail before it had been tried and timed out
        assertThat(mailAttempted()).isLessThanOrEqualTo(delivery.threads());
        assertThat(receiver.accepted()).hasSize(1);
    }

    @Test
    void theMailChannelPausesAfterItsServerFailedToAnswerInsteadOfTryingEveryMail() {
        awaitTheChannelPaused();
        awaitTwoMoreMailRuns();

        assertThat(silent.unanswered()).isLessThanOrEqualTo(delivery.threads());
        assertThat(mailAttempted()).isEqualTo((long) silent.unanswered());
        assertThat(mailIn("PENDING")).isEqualTo((long) backlog());
    }

    @Test
    void mailThatWaitedForTheServerIsSentOnceItAnswersAgain() {
        awaitTheChannelPaused();

        silent.answering(mail.getSmtp().getPort());
        // past the channel's pause and the first retry of the mail that timed out
        clock.advance(Duration.ofMinutes(1));

        await().atMost(PATIENCE).until(() -> mailIn("DELIVERED") == backlog());
        for (Person approver : approvers) {
            assertThat(received(approver.name() + "@example.com"))
                    .as(approver.name())
                    .hasSize(1);
        }
    }

    private int backlog() {
        return 3 * delivery.threads();
    }

    /** Every mail tried so far has timed out and been recorded: the channel pauses. */
    private void awaitTheChannelPaused() {
        await().atMost(PATIENCE).until(() -> silent.unanswered() > 0 && mailAttempted() == silent.unanswered());
    }

    /** The mail channel's run under way, if any, has ended, and one more ran after it. */
    private void awaitTwoMoreMailRuns() {
        int runsBefore = runs.finished("EMAIL");
        await().atMost(PATIENCE).until(() -> runs.finished("EMAIL") >= runsBefore + 2);
    }

    /** How many of the request's mails have been tried at least once. */
    private long mailAttempted() {
        return jdbc.sql("""
                        select count(*) from webhook_deliveries
                        where request_id = ? and channel = 'EMAIL' and attempts > 0""").param(requestId).query(Long.class).single();
    }

    private long mailIn(String state) {
        return jdbc.sql(
                        "select count(*) from webhook_deliveries where request_id = ? and channel = 'EMAIL' and state = ?")
                .params(requestId, state)
                .query(Long.class)
                .single();
    }

    private static List<MimeMessage> received(String address) {
        return Arrays.stream(mail.getReceivedMessages())
                .filter(m -> sentTo(m, address))
                .toList();
    }

    private static boolean sentTo(MimeMessage message, String address) {
        try {
            Address[] to = message.getAllRecipients();
            return to != null
                    && Arrays.stream(to)
                            .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
