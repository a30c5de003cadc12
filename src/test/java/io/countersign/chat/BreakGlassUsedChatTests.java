package io.countersign.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.NotificationScene;
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
 * The emergency list, told in chat that break-glass access was taken, reads what its mail says on every
 * platform: who took access to which account on which resource without approval, for how long, why and
 * under which ticket, when the review is due and who is asked for it, why the reader is told, and where
 * a reviewer records the review; never that a request was approved by the service. A Teams channel,
 * which hears how each request ended, hears of the use as such.
 */
class BreakGlassUsedChatTests extends BreakGlassChatFixture {

    static final String DISCORD = "/api/webhooks/3/used";
    static final String TEAMS = "/workflows/used";

    @BeforeEach
    void tomHearsOfBreakGlassOnEveryPlatform() {
        platform.answer(DISCORD, 200, "{\"id\":\"7\"}").answer(TEAMS, 202, "");
        channels.add(channel(Map.of("type", "DISCORD", "default", true, "webhookUrl", platform.url() + DISCORD)));
        channels.add(channel(Map.of("type", "TEAMS", "default", true, "webhookUrl", platform.url() + TEAMS)));
        api.asAdmin()
                .put(
                        "/api/v1/users/" + tom.name() + "/subscriptions",
                        Api.json(Map.of("break_glass_used", List.of("TELEGRAM", "SLACK", "DISCORD", "TEAMS"))))
                .expect(200);
    }

    @Test
    void theEmergencyListReadsWhoTookWhatUntilWhenItIsReviewedAndByWhomNeverThatTheServiceApprovedIt() {
        String id = breakGlass();
        scene.awaitNothingDue();
        Instant due = dueAt(id);
        String link = "https://countersign.example.com/requests/" + id;
        String reviewers = rita.name() + ", " + sam.name();

        List<String> telegram = platform.seen(TELEGRAM).stream()
                .map(s -> s.json().get("text").asString())
                .toList();
        assertThat(telegram)
                .singleElement()
                .satisfies(text -> assertThat(text)
                        .startsWith("For " + tom.name() + "\nBreak-glass access taken: " + dev.name()
                                + " took break-glass access to admin on db-")
                        .contains(" without approval (" + id + ")\n")
                        .contains("\nDuration: 1 hour\n", "\nWhy: the primary is down\n", "\nTicket: INC-77\n")
                        .contains("\nReview due: " + TimesForPeople.at(due) + " (in 8 hours)\n")
                        .contains("\nAsked to review: " + reviewers + "\n")
                        .contains("' lists you for emergency access\n")
                        .contains("/api/v1/requests/" + id + "/review")
                        .endsWith("\n" + link)
                        .doesNotContain("approved", "system", "Outcome", "Who may approve"));
        assertThat(platform.seen(TELEGRAM).get(0).json().get("reply_markup").toString())
                .contains("Open request", link);

        assertThat(platform.seen("/api/chat.postMessage")).singleElement().satisfies(seen -> {
            assertThat(seen.json().get("text").asString()).startsWith("Break-glass access taken: ");
            assertThat(seen.json().get("blocks").toString())
                    .contains(
                            "Review due: " + TimesForPeople.at(due), "Asked to review: " + reviewers, "Ticket: INC-77")
                    .contains("lists you for emergency access", "open_request", link)
                    .doesNotContain("approve_request", "reject_request", "approved", "Outcome");
        });

        assertThat(platform.seen(DISCORD)).singleElement().satisfies(seen -> {
            assertThat(seen.json().get("content").asString()).isEqualTo("For " + tom.name());
            JsonNode embed = seen.json().get("embeds").get(0);
            assertThat(embed.get("title").asString()).startsWith("Break-glass access taken: ");
            assertThat(embed.get("url").asString()).isEqualTo(link);
            assertThat(embed.get("fields").toString())
                    .contains("Review due", "Asked to review", reviewers, "emergency access")
                    .doesNotContain("approved", "Outcome");
        });

        assertThat(platform.seen(TEAMS).stream().filter(seen -> seen.body().contains("For " + tom.name())))
                .singleElement()
                .satisfies(seen -> assertThat(seen.body())
                        .contains("Break-glass access taken: ", "Review due", "Asked to review")
                        .contains("Action.OpenUrl", link)
                        .doesNotContain("approved", "Outcome"));
    }

    @Test
    void aTeamsChannelHearsOfTheUseAsABreakGlassUseNeverAsARequestTheServiceApproved() {
        String id = breakGlass();
        scene.awaitNothingDue();
        Instant due = dueAt(id);

        // the channel hears how every request ended, as a webhook cannot edit: this one, as the use it was
        assertThat(platform.seen(TEAMS).stream().filter(seen -> !seen.body().contains("For " + tom.name())))
                .singleElement()
                .satisfies(seen -> assertThat(seen.body())
                        .contains(
                                "Break-glass access taken: " + dev.name() + " took break-glass access to admin on db-")
                        .contains(" without approval (" + id + ")", "INC-77", TimesForPeople.at(due))
                        .contains("Asked to review", rita.name() + ", " + sam.name())
                        .contains("/api/v1/requests/" + id + "/review")
                        .doesNotContain("approved", "system", "Outcome", "emergency access"));
    }

    @Test
    void aTeamsChannelTellsAnOverdueReviewAsItsOwnMessageNeverAsADecidedRequest() {
        api.asAdmin()
                .put(
                        "/api/v1/users/" + tom.name() + "/subscriptions",
                        Api.json(Map.of("break_glass_review_overdue", List.of("TEAMS"))))
                .expect(200);
        String id = breakGlass();
        scene.awaitNothingDue();
        clock.advance(Duration.ofHours(9));

        reviews.fire(id);
        scene.awaitNothingDue();

        assertThat(platform.seen(TEAMS).stream().filter(seen -> seen.body().contains("Review overdue: ")))
                .singleElement()
                .satisfies(seen -> assertThat(seen.body())
                        .contains("For " + tom.name(), "Overdue since", "Asked to review", "emergency access")
                        .doesNotContain("approved", "Outcome"));
        assertThat(platform.seen(TEAMS))
                .noneSatisfy(seen -> assertThat(seen.body()).contains("approved"));
    }

    @Test
    void aUseToldOnlyOnceItsReviewWasDueReadsHowLongAgoAsItsMailDoes() {
        platform.once(TELEGRAM, 500, "{\"ok\":false}", null);
        String id = breakGlass();
        await().atMost(NotificationScene.PATIENCE).until(() -> toldTom().size() == 1);
        Instant due = dueAt(id);

        // the platform failed until an hour after the review was due
        clock.advance(Duration.ofHours(9));

        await().atMost(NotificationScene.PATIENCE).until(() -> toldTom().size() == 2);
        assertThat(toldTom().get(1)).contains("\nReview due: " + TimesForPeople.at(due) + " (1 hour ago)\n");
    }

    /** The texts of the Telegram messages telling tom of the use, each attempt's. */
    private List<String> toldTom() {
        return platform.seen(TELEGRAM).stream()
                .map(seen -> seen.json().get("text").asString())
                .filter(text -> text.startsWith("For " + tom.name() + "\nBreak-glass access taken: "))
                .toList();
    }

    /** dev takes break-glass access to a resource whose policy tells tom, and rita and sam review within 8 hours. */
    private String breakGlass() {
        return breakGlassReviewedBy(List.of(rita, sam), Map.of("ticket", "INC-77"));
    }
}
