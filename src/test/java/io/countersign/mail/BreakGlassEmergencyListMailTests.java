package io.countersign.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.Notification;
import io.countersign.notify.NotificationKind;
import io.countersign.notify.NotificationScene;
import io.countersign.notify.NotificationSender;
import io.countersign.request.BreakGlassReviews;
import io.countersign.testing.Api;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The policy's emergency list reads by mail who was asked to review a break-glass use, when access was
 * taken and when nobody reviewed it in time, so that they know whom to chase; a notice queued before
 * it named the reviewers leaves the line out rather than saying nobody was asked.
 */
class BreakGlassEmergencyListMailTests extends ToldByMailFixture {

    static final String USED = "Break-Glass Access Used";
    static final String OVERDUE = "Break-Glass Review Overdue";

    @Autowired
    BreakGlassReviews reviews;

    @Autowired
    List<NotificationSender> senders;

    @BeforeEach
    void ritaIsNamedInMarkup() {
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

        reviews.fire(id);

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
        reviews.fire(id);
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
        return breakGlassOn(resourceReviewedBy(rita, sam), ticket);
    }
}
