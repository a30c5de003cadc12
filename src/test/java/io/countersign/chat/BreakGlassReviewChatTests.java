package io.countersign.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.notify.NotificationScene;
import io.countersign.notify.NotificationScene.Person;
import io.countersign.request.BreakGlassReviews;
import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A break-glass use's reviewers and the delegates who may review it for them, asked in chat, read what
 * the mail says: who took access to what, for how long and why, when the review is due, for whom a
 * delegate reviews, and where to record the review; never that the request waits to be approved. The
 * emergency list, told that nobody reviewed it in time, reads what is overdue, since when and who was
 * asked, never that a request was decided.
 */
class BreakGlassReviewChatTests extends ChatDeliveryFixture {

    static final String SEND = "/bot7:bot-token/sendMessage";

    @Autowired
    MutableClock clock;

    @Autowired
    BreakGlassReviews reviews;

    Person rita;
    Person sam;
    Person tom;
    final List<String> channels = new ArrayList<>();

    @BeforeEach
    void ritaAndSamAreToldInTelegramAndSlack() {
        platform.answer(SEND, 200, "{\"ok\":true,\"result\":{\"message_id\":45,\"chat\":{\"id\":-1001234}}}")
                .answer("/api/users.lookupByEmail", 200, "{\"ok\":true,\"user\":{\"id\":\"U777\"}}")
                .answer("/api/conversations.open", 200, "{\"ok\":true,\"channel\":{\"id\":\"D777\"}}")
                .answer("/api/chat.postMessage", 200, "{\"ok\":true,\"channel\":\"D777\",\"ts\":\"5.6\"}");
        channels.add(channel(Map.of(
                "type",
                "TELEGRAM",
                "default",
                true,
                "botToken",
                "7:bot-token",
                "chatId",
                "-1001234",
                "webhookSecret",
                "hook_secret-of-sixteen",
                "apiBaseUrl",
                platform.url())));
        channels.add(channel(Map.of(
                "type",
                "SLACK",
                "default",
                true,
                "botToken",
                "xoxb-1",
                "signingSecret",
                "s",
                "directMessages",
                true,
                "apiBaseUrl",
                platform.url() + "/api")));
        rita = scene.person("rita");
        sam = scene.person("sam");
        tom = scene.person("tom");
        for (Person person : List.of(rita, sam)) {
            api.asAdmin()
                    .put(
                            "/api/v1/users/" + person.name() + "/subscriptions",
                            Api.json(Map.of("break_glass_review", List.of("TELEGRAM", "SLACK"))))
                    .expect(200);
        }
    }

    @AfterEach
    void noDefaultChannelHearsOfTheTestsThatFollow() {
        channels.forEach(
                name -> api.asAdmin().delete("/api/v1/channels/" + name).expect(204));
    }

    @Test
    void aReviewerAndADelegateAreAskedToReviewWhatWasTakenWithoutApproval() {
        delegate(rita, sam);
        String id = breakGlass();
        scene.awaitNothingDue();
        Instant due = dueAt(id);

        String toRita = telegramTextFor(rita);
        assertThat(toRita)
                .contains(dev.name() + " took break-glass access to admin on db-", "without approval (" + id + ")")
                .contains("\nDuration: 1h\n", "\nWhy: the primary is down\n")
                .contains("\nReviewer: policy '", "' names you as a reviewer\n")
                .contains("\nReview due: " + due + " (in 8h)\n")
                .contains("/api/v1/requests/" + id + "/review")
                .endsWith("\nhttps://countersign.example.com/requests/" + id)
                .doesNotContain("on behalf of", "approved", "Who may approve", "Outcome");
        assertThat(telegramTextFor(sam))
                .contains(dev.name() + " took break-glass access to admin on db-")
                .contains("names " + rita.name()
                        + " as a reviewer, who delegated to you: you may review it on behalf of " + rita.name())
                .contains("\nReview due: " + due + " (in 8h)\n")
                .doesNotContain("approved");

        List<JsonNode> slack = platform.seen("/api/chat.postMessage").stream()
                .map(FakePlatform.Seen::json)
                .toList();
        assertThat(slack).hasSize(2);
        assertThat(slack).allSatisfy(message -> {
            assertThat(message.get("text").asString()).contains(" took break-glass access to admin on db-");
            assertThat(message.get("blocks").toString())
                    .contains("Review due: " + due)
                    .doesNotContain("approve_request", "reject_request", "approved");
        });
        assertThat(slack)
                .anySatisfy(message ->
                        assertThat(message.get("blocks").toString()).contains("on behalf of " + rita.name()));
    }

    @Test
    void aDelegateAskedOnceTheDeadlinePassedReadsThatTheReviewIsOverdue() {
        String id = breakGlass();
        scene.awaitNothingDue();
        clock.advance(Duration.ofHours(9));

        delegate(rita, sam);
        scene.awaitNothingDue();

        assertThat(telegramTextFor(sam))
                .contains("(" + id + ")")
                .startsWith("For " + sam.name() + "\nOverdue review: ")
                .contains(" (overdue: please review it now)\n")
                .contains("on behalf of " + rita.name());
    }

    @Test
    void theEmergencyListReadsThatTheReviewIsOverdueSinceWhenAndWhoWasAskedNeverThatARequestWasDecided() {
        api.asAdmin()
                .put(
                        "/api/v1/users/" + tom.name() + "/subscriptions",
                        Api.json(Map.of("break_glass_review_overdue", List.of("TELEGRAM", "SLACK"))))
                .expect(200);
        String id = breakGlass();
        scene.awaitNothingDue();
        Instant due = dueAt(id);
        clock.advance(Duration.ofHours(9));

        assertThat(reviews.fire(id)).isTrue();
        scene.awaitNothingDue();

        String link = "https://countersign.example.com/requests/" + id;
        assertThat(telegramTextFor(tom))
                .startsWith("For " + tom.name() + "\nReview overdue: nobody reviewed the break-glass access "
                        + dev.name() + " took to admin on db-")
                .contains(" in time (" + id + ")\n")
                .contains("\nDuration: 1h\n", "\nWhy: the primary is down\n")
                .contains("\nOverdue since: " + due + " (1h ago)\n")
                .contains("\nAsked to review: " + rita.name() + "\n")
                .contains("' lists you for emergency access")
                .contains("/api/v1/requests/" + id + "/review")
                .endsWith("\n" + link)
                .doesNotContain("approved", "Outcome", "Who may approve");
        assertThat(platform.seen(SEND).stream()
                        .map(FakePlatform.Seen::json)
                        .filter(json -> json.get("text").asString().startsWith("For " + tom.name() + "\n"))
                        .map(json -> json.get("reply_markup").toString()))
                .singleElement()
                .satisfies(buttons -> assertThat(buttons).contains("Open request", link));

        List<JsonNode> slack = platform.seen("/api/chat.postMessage").stream()
                .map(FakePlatform.Seen::json)
                .filter(message -> message.get("text").asString().startsWith("Review overdue: "))
                .toList();
        assertThat(slack)
                .singleElement()
                .satisfies(message -> assertThat(message.get("blocks").toString())
                        .contains("Overdue since: " + due, "Asked to review: " + rita.name(), "open_request", link)
                        .doesNotContain("approve_request", "reject_request", "approved", "Outcome"));
    }

    /** The one Telegram message for this person, posted to the group chat since they linked no account. */
    private String telegramTextFor(Person person) {
        List<String> texts = platform.seen(SEND).stream()
                .map(s -> s.json().get("text").asString())
                .filter(text -> text.startsWith("For " + person.name() + "\n"))
                .toList();
        assertThat(texts).hasSize(1);
        return texts.get(0);
    }

    private Instant dueAt(String id) {
        return Instant.parse(api.as(rita.token())
                .get("/api/v1/requests/" + id)
                .expect(200)
                .json()
                .get("review")
                .get("dueAt")
                .asString());
    }

    private void delegate(Person from, Person to) {
        api.as(from.token())
                .post(
                        "/api/v1/users/" + from.name() + "/delegations",
                        Api.json(Map.of(
                                "delegate",
                                to.name(),
                                "until",
                                clock.instant().plus(Duration.ofDays(1)).toString())))
                .expect(201);
    }

    /** dev takes break-glass access to a resource whose policy tells tom and rita reviews within 8 hours. */
    private String breakGlass() {
        String resource = scene.resource(
                List.of(NotificationScene.step(1, lisa)),
                Map.of(
                        "breakGlass",
                        Map.of(
                                "maxDuration",
                                "PT1H",
                                "notify",
                                List.of(Map.of("user", tom.name())),
                                "reviewers",
                                List.of(Map.of("user", rita.name())),
                                "reviewWithin",
                                "PT8H")));
        return api.as(dev.token())
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of(
                                "resource",
                                resource,
                                "account",
                                "admin",
                                "breakGlass",
                                true,
                                "justification",
                                "the primary is down")))
                .expect(201)
                .json()
                .get("id")
                .asString();
    }
}
