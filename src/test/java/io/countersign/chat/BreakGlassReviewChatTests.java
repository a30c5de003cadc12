package io.countersign.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.notify.NotificationScene.Person;
import io.countersign.shared.TimesForPeople;
import io.countersign.testing.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A break-glass use's reviewers and the delegates who may review it for them, asked in chat, read what
 * the mail says: who took access to what, for how long and why, when the review is due, for whom a
 * delegate reviews, and where to record the review; never that the request waits to be approved. The
 * emergency list, told that nobody reviewed it in time, reads what is overdue, since when and who was
 * asked, never that a request was decided.
 */
class BreakGlassReviewChatTests extends BreakGlassChatFixture {

    @BeforeEach
    void ritaAndSamAreToldInTelegramAndSlack() {
        for (Person person : List.of(rita, sam)) {
            api.asAdmin()
                    .put(
                            "/api/v1/users/" + person.name() + "/subscriptions",
                            Api.json(Map.of("break_glass_review", List.of("TELEGRAM", "SLACK"))))
                    .expect(200);
        }
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
                .contains("\nDuration: 1 hour\n", "\nWhy: the primary is down\n")
                .contains("\nReviewer: policy '", "' names you as a reviewer\n")
                .contains("\nReview due: " + TimesForPeople.at(due) + " (in 8 hours)\n")
                .contains("/api/v1/requests/" + id + "/review")
                .endsWith("\nhttps://countersign.example.com/requests/" + id)
                .doesNotContain("on behalf of", "approved", "Who may approve", "Outcome");
        assertThat(telegramTextFor(sam))
                .contains(dev.name() + " took break-glass access to admin on db-")
                .contains("names " + rita.name()
                        + " as a reviewer, who delegated to you: you may review it on behalf of " + rita.name())
                .contains("\nReview due: " + TimesForPeople.at(due) + " (in 8 hours)\n")
                .doesNotContain("approved");

        List<JsonNode> slack = platform.seen("/api/chat.postMessage").stream()
                .map(FakePlatform.Seen::json)
                .toList();
        assertThat(slack).hasSize(2);
        assertThat(slack).allSatisfy(message -> {
            assertThat(message.get("text").asString()).contains(" took break-glass access to admin on db-");
            assertThat(message.get("blocks").toString())
                    .contains("Review due: " + TimesForPeople.at(due))
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

        reviews.fire(id);
        scene.awaitNothingDue();

        String link = "https://countersign.example.com/requests/" + id;
        assertThat(telegramTextFor(tom))
                .startsWith("For " + tom.name() + "\nReview overdue: nobody reviewed the break-glass access "
                        + dev.name() + " took to admin on db-")
                .contains(" in time (" + id + ")\n")
                .contains("\nDuration: 1 hour\n", "\nWhy: the primary is down\n")
                .contains("\nOverdue since: " + TimesForPeople.at(due) + " (1 hour ago)\n")
                .contains("\nAsked to review: " + rita.name() + "\n")
                .contains("' lists you for emergency access")
                .contains("/api/v1/requests/" + id + "/review")
                .endsWith("\n" + link)
                .doesNotContain("approved", "Outcome", "Who may approve");
        assertThat(platform.seen(TELEGRAM).stream()
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
                        .contains(
                                "Overdue since: " + TimesForPeople.at(due),
                                "Asked to review: " + rita.name(),
                                "open_request",
                                link)
                        .doesNotContain("approve_request", "reject_request", "approved", "Outcome"));
    }

    /** The one Telegram message for this person, posted to the group chat since they linked no account. */
    private String telegramTextFor(Person person) {
        List<String> texts = platform.seen(TELEGRAM).stream()
                .map(s -> s.json().get("text").asString())
                .filter(text -> text.startsWith("For " + person.name() + "\n"))
                .toList();
        assertThat(texts).hasSize(1);
        return texts.get(0);
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
        return breakGlassReviewedBy(List.of(rita), Map.of());
    }
}
