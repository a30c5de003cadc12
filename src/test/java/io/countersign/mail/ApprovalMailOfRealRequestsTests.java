package io.countersign.mail;

import static io.countersign.notify.NotificationScene.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.NotificationScene;
import io.countersign.notify.NotificationScene.Person;
import io.countersign.request.RequestTimers;
import io.countersign.shared.TimesForPeople;
import io.countersign.testing.Api;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Approval mail of requests made through the API and carried through the notification outbox to a real
 * mail server. A request for access at a later time says when that access would start, and how far
 * ahead, so that the approver does not approve it as access wanted now. A step that times out for real,
 * with the clock moved on and its timer fired, reaches its escalation target, who is told why.
 */
class ApprovalMailOfRealRequestsTests extends ToldByMailFixture {

    @Autowired
    RequestTimers timers;

    @Test
    void anApprovalMailSaysWhenScheduledAccessWouldStartAndHowFarAhead() throws Exception {
        Instant startsAt = clock.instant().plus(Duration.ofHours(3));

        requestToldToTom(Map.of("startsAt", startsAt.toString()));

        String starts = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                        .withZone(ZoneOffset.UTC)
                        .format(startsAt)
                + " (in 3 hours)";
        MimeMessage approval = receivedOne();
        assertThat(part(approval, "text/plain")).contains("\nStarts: " + starts + "\n");
        assertThat(part(approval, "text/html"))
                .contains("<tr><th align=\"left\" valign=\"top\">Starts</th><td>" + starts + "</td></tr>");
    }

    @Test
    void anApprovalMailForAccessWantedOnceApprovedSaysNothingOfAStart() throws Exception {
        requestToldToTom(Map.of());

        assertThat(part(receivedOne(), "text/plain")).doesNotContain("Starts");
    }

    @Test
    void aStepThatTimesOutEscalatesAndItsTargetIsToldByMailThatItWasEscalatedToThemAndAfterHowLong() throws Exception {
        Person lisa = scene.person("lisa");
        Person carol = scene.person("carol");
        Map<String, Object> escalating = step(1, lisa);
        escalating.put("timeout", "PT30M");
        escalating.put("onTimeout", "ESCALATE");
        escalating.put("escalateTo", List.of(Map.of("user", carol.name())));
        String id = scene.pending(dev, List.of(escalating));
        await().atMost(NotificationScene.PATIENCE)
                .until(() -> !mailsTo(lisa, "").isEmpty());

        clock.advance(Duration.ofMinutes(31));
        timers.fire(id);

        MimeMessage escalated = await().atMost(NotificationScene.PATIENCE)
                .until(() -> mailsTo(carol, ""), mails -> !mails.isEmpty())
                .get(0);
        assertThat(escalated.getSubject()).endsWith("#" + id);
        for (String body : List.of(part(escalated, "text/plain"), part(escalated, "text/html"))) {
            assertThat(body)
                    .contains("This step was escalated to you: its approvers had not decided it after 31 minutes.");
        }
        assertThat(part(mailsTo(lisa, "").get(0), "text/plain")).doesNotContain("escalated");
    }

    @Test
    void aRequestRejectedByAStepTimeoutTellsTheRequesterWhenToTheMinuteAsEveryMailWritesTimes() throws Exception {
        Map<String, Object> rejecting = step(1, tom);
        rejecting.put("timeout", "PT30M");
        rejecting.put("onTimeout", "REJECT");
        String id = scene.pending(dev, List.of(rejecting));
        Instant deadline = clock.instant().plus(Duration.ofMinutes(30));

        clock.advance(Duration.ofMinutes(31));
        timers.fire(id);

        MimeMessage outcome = await().atMost(NotificationScene.PATIENCE)
                .until(() -> mailsTo(dev, id), mails -> !mails.isEmpty())
                .get(0);
        String when = TimesForPeople.at(deadline);
        assertThat(part(outcome, "text/plain"))
                .contains("was rejected")
                .contains("\nComment: step 1 timed out at " + when + "\n");
        assertThat(part(outcome, "text/html"))
                .contains("<th align=\"left\" valign=\"top\">Comment</th><td>step 1 timed out at " + when + "</td>")
                .doesNotContain(deadline.toString());
    }

    /** dev asks for an hour on a resource whose one step tom approves, with {@code fields} besides. */
    private void requestToldToTom(Map<String, Object> fields) {
        String resource = scene.resource(List.of(NotificationScene.step(1, tom)), Map.of());
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.putAll(Map.of("resource", resource, "account", "admin", "duration", "PT1H", "justification", "why"));
        api.as(dev.token()).post("/api/v1/requests", Api.json(body)).expect(201);
        scene.awaitNothingDue();
    }

    private static MimeMessage receivedOne() {
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(mail.getReceivedMessages()).hasSize(1);
        return mail.getReceivedMessages()[0];
    }
}
