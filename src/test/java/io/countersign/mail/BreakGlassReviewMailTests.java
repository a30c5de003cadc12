package io.countersign.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.countersign.notify.NotificationScene;
import io.countersign.notify.NotificationScene.Person;
import io.countersign.notify.RecordingSender;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * A break-glass use's review is asked by mail of its reviewers and of the delegates in force who may
 * review it for them, each person once, the delegates told for whom; a delegation that starts while a
 * review waits on its delegator asks the delegate then, of each review they may now do, also when it
 * starts later than it was created.
 */
@MailTest
@Import({NotificationScene.class, RecordingSender.class})
class BreakGlassReviewMailTests {

    static final Actor ADMIN = new Actor("admin", Role.ADMIN, Channel.API, null);
    static final String TO_REVIEW = "Break-Glass Access To Review";

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
    SchedulerClient scheduler;

    Person dev;
    Person rita;
    Person rosa;
    Person sam;
    Person una;
    Person tom;

    @BeforeEach
    void everybodyIsToldByMail() {
        settings.update(ADMIN, new MailSettingsInput(MailServers.plainSmtp(mail), null, false, List.of(), null));
        scene.startFresh();
        scene.defaultsTo(List.of("EMAIL"));
        dev = scene.person("dev");
        rita = scene.person("rita");
        rosa = scene.person("rosa");
        sam = scene.person("sam");
        una = scene.person("una");
        tom = scene.person("tom");
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

    /** A resource whose policy lets dev take break-glass access, told to tom and reviewed by these. */
    private String resourceReviewedBy(Person... reviewers) {
        return scene.resource(
                List.of(NotificationScene.step(1, tom)),
                Map.of(
                        "breakGlass",
                        Map.of(
                                "maxDuration",
                                "PT1H",
                                "notify",
                                List.of(Map.of("user", tom.name())),
                                "reviewers",
                                Arrays.stream(reviewers)
                                        .map(p -> Map.of("user", p.name()))
                                        .toList(),
                                "reviewWithin",
                                "PT8H")));
    }

    private String breakGlass(String resource) {
        return api.as(dev.token())
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of(
                                "resource", resource, "account", "admin", "breakGlass", true, "justification", "down")))
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    /** The mails asking this person to review a break-glass use. */
    private static List<MimeMessage> toReview(Person person) {
        return Arrays.stream(mail.getReceivedMessages())
                .filter(m -> sentTo(m, person.name() + "@example.com"))
                .filter(m -> subject(m).contains(TO_REVIEW))
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

    private static String text(MimeMessage message) throws Exception {
        Multipart alternatives = (Multipart) message.getContent();
        for (int i = 0; i < alternatives.getCount(); i++) {
            if (alternatives.getBodyPart(i).isMimeType("text/plain")) {
                return (String) alternatives.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("no text part");
    }
}
