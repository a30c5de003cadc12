package io.countersign.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import io.countersign.notify.NotificationScene;
import io.countersign.notify.NotificationScene.Person;
import io.countersign.testing.Api;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A break-glass use's review is asked by mail of its reviewers and of the delegates in force who may
 * review it for them, each person once, the delegates told for whom; a delegation that starts while a
 * review waits on its delegator asks the delegate then, of each review they may now do, also when it
 * starts later than it was created.
 */
class BreakGlassReviewMailTests extends ToldByMailFixture {

    static final String TO_REVIEW = "Break-Glass Access To Review";

    @Autowired
    SchedulerClient scheduler;

    Person rosa;
    Person una;

    @BeforeEach
    void rosaAndUnaToo() {
        rosa = scene.person("rosa");
        una = scene.person("una");
    }

    @Test
    void theReviewersAndTheDelegatesInForceWhoMayReviewForThemAreAskedEachOnce() throws Exception {
        delegate(rita, sam);
        delegate(rosa, sam);
        delegate(rita, rosa);
        delegate(rita, dev);
        delegate(rosa, una, "elsewhere-*");

        String id = breakGlass(resourceReviewedBy(rita, rosa));

        MimeMessage asked = await().atMost(NotificationScene.PATIENCE)
                .until(() -> toReview(sam), mails -> !mails.isEmpty())
                .get(0);
        scene.awaitNothingDue();
        assertThat(asked.getSubject()).endsWith("#" + id);
        assertThat(text(asked))
                .contains("names " + rita.name() + " as a reviewer")
                .contains("on behalf of");
        assertThat(toReview(sam)).hasSize(1);
        assertThat(toReview(rita))
                .singleElement()
                .satisfies(m ->
                        assertThat(text(m)).contains("names you as a reviewer").doesNotContain("on behalf of"));
        assertThat(toReview(rosa))
                .singleElement()
                .satisfies(m -> assertThat(text(m)).doesNotContain("on behalf of"));
        assertThat(toReview(dev)).isEmpty();
        assertThat(toReview(una)).isEmpty();
        assertThat(toReview(tom)).isEmpty();
    }

    @Test
    void aDelegationThatStartsTellsTheDelegateOfEachReviewTheyMayNowDo() throws Exception {
        String resource = resourceReviewedBy(rita, rosa);
        String open = breakGlass(resource);
        String reviewed = breakGlass(resource);
        api.as(rosa.token())
                .post("/api/v1/requests/" + reviewed + "/review", Api.json(Map.of("comment", "seen")))
                .expect(200);
        await().atMost(NotificationScene.PATIENCE).until(() -> toReview(rita).size() == 2);
        scene.awaitNothingDue();
        assertThat(toReview(sam)).isEmpty();

        delegate(rita, sam);
        delegate(rita, dev);

        MimeMessage asked = await().atMost(NotificationScene.PATIENCE)
                .until(() -> toReview(sam), mails -> !mails.isEmpty())
                .get(0);
        scene.awaitNothingDue();
        assertThat(asked.getSubject()).endsWith("#" + open);
        assertThat(text(asked))
                .contains("names " + rita.name() + " as a reviewer")
                .contains("on behalf of");
        assertThat(toReview(sam)).hasSize(1);
        assertThat(toReview(dev)).isEmpty();
        assertThat(toReview(rita)).hasSize(2);
    }

    @Test
    void aDelegateAskedOnceTheDeadlinePassedIsToldTheReviewIsOverdue() throws Exception {
        String id = breakGlass(resourceReviewedBy(rita));
        await().atMost(NotificationScene.PATIENCE).until(() -> toReview(rita).size() == 1);
        clock.advance(Duration.ofHours(9));

        delegate(rita, sam);

        MimeMessage asked = await().atMost(NotificationScene.PATIENCE)
                .until(() -> toReview(sam), mails -> !mails.isEmpty())
                .get(0);
        assertThat(asked.getSubject()).endsWith("#" + id);
        assertThat(text(asked)).contains("on behalf of " + rita.name()).contains("overdue");
    }

    @Test
    void aDelegateOfTwoReviewersRecordsTheirReviewOnBehalfOfTheReviewerTheirMailNamed() throws Exception {
        // created in the opposite order to the reviewers'
        delegate(rosa, sam);
        delegate(rita, sam);
        String id = breakGlass(resourceReviewedBy(rita, rosa));
        MimeMessage asked = await().atMost(NotificationScene.PATIENCE)
                .until(() -> toReview(sam), mails -> !mails.isEmpty())
                .get(0);
        assertThat(text(asked)).contains("on behalf of " + rita.name());

        JsonNode review = api.as(sam.token())
                .post("/api/v1/requests/" + id + "/review", Api.json(Map.of("comment", "seen")))
                .expect(200)
                .json()
                .get("review");

        assertThat(review.get("reviewedBy").asString()).isEqualTo(sam.name());
        assertThat(review.get("onBehalfOf").asString()).isEqualTo(rita.name());
    }

    @Test
    void aDelegationThatStartsLaterAsksTheDelegateWhenItStarts() throws Exception {
        String id = breakGlass(resourceReviewedBy(rita));
        await().atMost(NotificationScene.PATIENCE).until(() -> toReview(rita).size() == 1);
        Instant from = clock.instant().plus(Duration.ofHours(2));
        String delegation = delegate(rita, sam, Map.of("from", from.toString()));
        scene.awaitNothingDue();
        assertThat(toReview(sam)).isEmpty();

        clock.set(from);
        // the scheduler keeps the wall clock: its task is made due there, the service's clock reads its start
        scheduler.reschedule(TaskInstanceId.of("delegation-start", delegation), Instant.now());

        MimeMessage asked = await().atMost(NotificationScene.PATIENCE)
                .until(() -> toReview(sam), mails -> !mails.isEmpty())
                .get(0);
        scene.awaitNothingDue();
        assertThat(asked.getSubject()).endsWith("#" + id);
        assertThat(text(asked)).contains("on behalf of " + rita.name()).doesNotContain("overdue");
        assertThat(toReview(sam)).hasSize(1);
    }

    private void delegate(Person from, Person to, String... resources) {
        delegate(from, to, Map.of("resources", List.of(resources)));
    }

    /** A delegation from {@code from} to {@code to} until a day from now, with these fields; its id. */
    private String delegate(Person from, Person to, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("delegate", to.name());
        body.put("until", clock.instant().plus(Duration.ofDays(1)).toString());
        return api.as(from.token())
                .post("/api/v1/users/" + from.name() + "/delegations", Api.json(body))
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    private String breakGlass(String resource) {
        return breakGlassOn(resource, null);
    }

    /** The mails asking this person to review a break-glass use. */
    private static List<MimeMessage> toReview(Person person) {
        return mailsTo(person, TO_REVIEW);
    }

    private static String text(MimeMessage message) throws Exception {
        return part(message, "text/plain");
    }
}
