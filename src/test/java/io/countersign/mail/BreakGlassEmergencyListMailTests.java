package io.countersign.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.countersign.notify.Notification;
import io.countersign.notify.NotificationKind;
import io.countersign.notify.NotificationScene;
import io.countersign.notify.NotificationScene.Person;
import io.countersign.notify.NotificationSender;
import io.countersign.notify.RecordingSender;
import io.countersign.request.BreakGlassReviews;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * The policy's emergency list reads by mail who was asked to review a break-glass use, when access was
 * taken and when nobody reviewed it in time, so that they know whom to chase; a notice queued before
 * it named the reviewers leaves the line out rather than saying nobody was asked.
 */
@MailTest
@Import({NotificationScene.class, RecordingSender.class})
class BreakGlassEmergencyListMailTests {

    static final Actor ADMIN = new Actor("admin", Role.ADMIN, Channel.API, null);
    static final String USED = "Break-Glass Access Used";
    static final String OVERDUE = "Break-Glass Review Overdue";

    @RegisterExtension
    static final GreenMailExtension mail = MailServers.extension();

    @Autowired
    NotificationScene scene;

    @Autowired
    MailSettingsService settings;

    @Autowired
    Api api;

    @Autowired
    MutableClock clock;

    @Autowired
    BreakGlassReviews reviews;

    @Autowired
    List<NotificationSender> senders;

    Person dev;
    Person rita;
    Person sam;
    Person tom;

    @BeforeEach
    void everybodyIsToldByMail() {
        settings.update(ADMIN, new MailSettingsInput(MailServers.plainSmtp(mail), null, false, List.of(), null));
        scene.startFresh();
        scene.defaultsTo(List.of("EMAIL"));
        dev = scene.person("dev");
        rita = scene.person("rita");
        sam = scene.person("sam");
        tom = scene.person("tom");
        // a name that is markup in HTML, as a directory may hold
        api.asAdmin()
                .put(
                        "/api/v1/users/" + rita.name(),
                        Api.json(Map.of("email", rita.name() + "@example.com", "displayName", "Rita <R&D>")))
                .expect(200);
    }

    @Test
    void theOverdueMailNamesWhoWasAskedToReviewInTextAndEscapedInHtml() throws Exception {
        String id = breakGlass();
        await().atMost(NotificationScene.PATIENCE)
                .until(() -> mailsTo(tom, USED).size() == 1);
        clock.advance(Duration.ofHours(9));

        assertThat(reviews.fire(id)).isTrue();

        MimeMessage overdue = await().atMost(NotificationScene.PATIENCE)
                .until(() -> mailsTo(tom, OVERDUE), mails -> !mails.isEmpty())
                .get(0);
        assertThat(overdue.getSubject()).endsWith("#" + id);
        String asked = "Rita <R&D> (" + rita.name() + "), " + sam.name();
        assertThat(part(overdue, "text/plain"))
                .contains("Nobody reviewed the break-glass access")
                .contains("\nAsked to review: " + asked + "\n");
        assertThat(part(overdue, "text/html"))
                .contains("<th align=\"left\" valign=\"top\">Asked to review</th><td>Rita &lt;R&amp;D&gt; ("
                        + rita.name() + "), " + sam.name() + "</td>")
                .doesNotContain("Rita <R&D>");
    }

    @Test
    void theMailThatAccessWasTakenSaysWhenTheReviewIsDueAndWhoIsAsked() throws Exception {
        String id = breakGlass();

        MimeMessage used = await().atMost(NotificationScene.PATIENCE)
                .until(() -> mailsTo(tom, USED), mails -> !mails.isEmpty())
                .get(0);
        assertThat(used.getSubject()).endsWith("#" + id);
        assertThat(part(used, "text/plain"))
                .contains("lists you for emergency access")
                .contains("\nReview due: ")
                .contains("\nAsked to review: Rita <R&D> (" + rita.name() + "), " + sam.name() + "\n");
        assertThat(part(used, "text/html")).contains("Rita &lt;R&amp;D&gt;").doesNotContain("Rita <R&D>");
        // a use without a ticket has no line to show for one
        assertThat(part(used, "text/plain")).doesNotContain("Ticket");
    }

    @Test
    void everyBreakGlassMailShowsTheTicketInTextAndEscapedInHtml() throws Exception {
        String id = breakGlass("INC-7 <db&down>");
        MimeMessage used = await().atMost(NotificationScene.PATIENCE)
                .until(() -> mailsTo(tom, USED), mails -> !mails.isEmpty())
                .get(0);
        MimeMessage toReview = await().atMost(NotificationScene.PATIENCE)
                .until(() -> mailsTo(rita, "Break-Glass Access To Review"), mails -> !mails.isEmpty())
                .get(0);
        clock.advance(Duration.ofHours(9));
        assertThat(reviews.fire(id)).isTrue();
        MimeMessage overdue = await().atMost(NotificationScene.PATIENCE)
                .until(() -> mailsTo(tom, OVERDUE), mails -> !mails.isEmpty())
                .get(0);

        for (MimeMessage message : List.of(used, toReview, overdue)) {
            assertThat(part(message, "text/plain")).contains("\nTicket: INC-7 <db&down>\n");
            assertThat(part(message, "text/html"))
                    .contains("<th align=\"left\" valign=\"top\">Ticket</th><td>INC-7 &lt;db&amp;down&gt;</td>")
                    .doesNotContain("<db&down>");
        }
    }

    @Test
    void anOverdueNoticeQueuedBeforeItNamedTheReviewersLeavesTheLineOut() throws Exception {
        String id = breakGlass();
        await().atMost(NotificationScene.PATIENCE)
                .until(() -> mailsTo(tom, USED).size() == 1);
        scene.awaitNothingDue();
        Instant due = clock.instant().plus(Duration.ofHours(8));

        // what the outbox held for such a notice: its data as it was before reviewers were added
        email().send(new Notification(
                "dlv-before",
                "evt-before",
                NotificationKind.BREAK_GLASS_REVIEW_OVERDUE,
                tom.id(),
                id,
                null,
                null,
                clock.instant(),
                Map.of(
                        "requester", dev.name(),
                        "resource", "db",
                        "account", "admin",
                        "policy", "p",
                        "dueAt", due.toString())));

        MimeMessage overdue = await().atMost(NotificationScene.PATIENCE)
                .until(() -> mailsTo(tom, OVERDUE), mails -> !mails.isEmpty())
                .get(0);
        assertThat(part(overdue, "text/plain"))
                .contains("Nobody reviewed the break-glass access")
                .doesNotContain("Asked to review");
        assertThat(part(overdue, "text/html")).doesNotContain("Asked to review");
    }

    private NotificationSender email() {
        return senders.stream()
                .filter(s -> s.channel().equals("EMAIL"))
                .findFirst()
                .orElseThrow();
    }

    private String breakGlass() {
        return breakGlass(null);
    }

    /**
     * dev takes break-glass access to a resource whose policy tells tom, and rita and sam review within 8
     * hours; under {@code ticket} when not null.
     */
    private String breakGlass(String ticket) {
        String resource = scene.resource(
                List.of(NotificationScene.step(1, tom)),
                Map.of(
                        "breakGlass",
                        Map.of(
                                "maxDuration",
                                "PT1H",
                                "notify",
                                List.of(Map.of("user", tom.name())),
                                "reviewers",
                                List.of(Map.of("user", rita.name()), Map.of("user", sam.name())),
                                "reviewWithin",
                                "PT8H")));
        Map<String, Object> body = new HashMap<>(
                Map.of("resource", resource, "account", "admin", "breakGlass", true, "justification", "down"));
        if (ticket != null) {
            body.put("ticket", ticket);
        }
        return api.as(dev.token())
                .post("/api/v1/requests", Api.json(body))
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    private static List<MimeMessage> mailsTo(Person person, String topic) {
        return Arrays.stream(mail.getReceivedMessages())
                .filter(m -> sentTo(m, person.name() + "@example.com"))
                .filter(m -> subject(m).contains(topic))
                .toList();
    }

    private static boolean sentTo(MimeMessage message, String address) {
        try {
            return message.getAllRecipients() != null
                    && Arrays.stream(message.getAllRecipients())
                            .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(MimeMessage message, String type) throws Exception {
        Multipart alternatives = (Multipart) message.getContent();
        for (int i = 0; i < alternatives.getCount(); i++) {
            if (alternatives.getBodyPart(i).isMimeType(type)) {
                // mail travels with CRLF line ends
                return ((String) alternatives.getBodyPart(i).getContent()).replace("\r\n", "\n");
            }
        }
        throw new AssertionError("no " + type + " part");
    }
}
