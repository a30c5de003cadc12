package io.countersign.chat;

import static io.countersign.notify.NotificationScene.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.notify.NotificationScene.Person;
import io.countersign.shared.TimesForPeople;
import io.countersign.testing.Api;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a message says: the requester's words shown as written on every platform, never as markup,
 * and cut to fit a platform's limit without losing the link to the request.
 */
class ChatMessageContentTests extends ChatDeliveryFixture {

    @Test
    void whatTheRequesterWroteGoesToSlackAsPlainTextSoThatNoMarkupMentionOrEmojiCodeTakesEffect() {
        platform.answer("/api/chat.postMessage", 200, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.3\"}");
        String name = slackChannelPostingTo("C1");
        Map<String, Object> first = step(1, lisa);
        first.put("notify", List.of(name));
        String resource = scene.resource(List.of(first), Map.of());
        String why = "*now* _please_ ~not~ `rm` <https://evil.example|docs> #general @here :fire: &amp;";
        api.as(dev.token())
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of(
                                "resource", resource, "account", "admin", "duration", "PT1H", "justification", why)))
                .expect(201);
        scene.awaitNothingDue();

        JsonNode fields = platform.seen("/api/chat.postMessage")
                .get(0)
                .json()
                .get("blocks")
                .get(1)
                .get("fields");
        assertThat(fields.valueStream().map(f -> f.get("type").asString())).containsOnly("plain_text");
        assertThat(fields.valueStream().map(f -> f.get("emoji").asBoolean())).containsOnly(false);
        assertThat(fields.valueStream().map(f -> f.get("text").asString())).contains("Why: " + why);
    }

    @Test
    void whoMayApproveNamesTheDelegatesInForceAndForWhomTheyStandIn() {
        Person carol = scene.person("carol");
        api.delegate(lisa.token(), lisa.name(), carol.name(), scene.now().plus(Duration.ofDays(1)));
        String send = "/bot7:bot-token/sendMessage";
        platform.answer(send, 200, "{\"ok\":true,\"result\":{\"message_id\":45,\"chat\":{\"id\":-1001234}}}");

        requestNotifying(telegramChannel());
        scene.awaitNothingDue();

        assertThat(platform.seen(send).get(0).json().get("text").asString())
                .contains("\nWho may approve (1 needed): " + lisa.name() + ", " + carol.name() + " for " + lisa.name()
                        + "\n");
    }

    @Test
    void theDeadlineReadsAsInTheApproversMailWithTheTimeLeftToIt() {
        String send = "/bot7:bot-token/sendMessage";
        platform.answer(send, 200, "{\"ok\":true,\"result\":{\"message_id\":47,\"chat\":{\"id\":-1001234}}}");

        String id = requestNotifying(telegramChannel());
        scene.awaitNothingDue();

        Instant expiresAt = Instant.parse(api.as(dev.token())
                .get("/api/v1/requests/" + id)
                .expect(200)
                .json()
                .get("expiresAt")
                .asString());
        assertThat(platform.seen(send).get(0).json().get("text").asString())
                .contains("\nDeadline: " + TimesForPeople.at(expiresAt) + " (in 1 day)\n")
                .doesNotContain("Time left");
    }

    @Test
    void aRequestForLaterAccessSaysWhenItWouldStartAndHowFarAheadAndOneForNowSaysNothingOfAStart() {
        String send = "/bot7:bot-token/sendMessage";
        platform.answer(send, 200, "{\"ok\":true,\"result\":{\"message_id\":46,\"chat\":{\"id\":-1001234}}}");
        String name = telegramChannel();
        Map<String, Object> first = step(1, lisa);
        first.put("notify", List.of(name));
        Instant startsAt = scene.now().plus(Duration.ofHours(3));
        api.as(dev.token())
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of(
                                "resource",
                                scene.resource(List.of(first), Map.of()),
                                "account",
                                "admin",
                                "duration",
                                "PT1H",
                                "startsAt",
                                startsAt.toString())))
                .expect(201);
        scene.awaitNothingDue();
        requestNotifying(name);
        scene.awaitNothingDue();

        String written = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .withZone(ZoneOffset.UTC)
                .format(startsAt);
        assertThat(platform.seen(send).get(0).json().get("text").asString())
                .contains("\nStarts: " + written + " (in 3 hours)\n");
        assertThat(platform.seen(send).get(1).json().get("text").asString()).doesNotContain("Starts");
    }

    @Test
    void anExtensionSaysWhichGrantItLengthensWhenThatEndsAndHowMuchMoreIsAsked() {
        String send = "/bot9:bot-token/sendMessage";
        platform.answer(send, 200, "{\"ok\":true,\"result\":{\"message_id\":44,\"chat\":{\"id\":-1001236}}}")
                .answer("/bot9:bot-token/editMessageText", 200, "{\"ok\":true,\"result\":{}}");
        String name = channel(Map.of(
                "type",
                "TELEGRAM",
                "botToken",
                "9:bot-token",
                "chatId",
                "-1001236",
                "webhookSecret",
                "hook_secret-of-sixteen",
                "apiBaseUrl",
                platform.url()));
        String id = requestNotifying(name);
        scene.approve(lisa, id);
        String grant = api.as(dev.token())
                .get("/api/v1/requests/" + id)
                .expect(200)
                .json()
                .get("grant")
                .get("id")
                .asString();
        Instant end = scene.grantEnd(dev, grant);

        String extension = scene.extend(dev, grant, "PT30M");
        scene.awaitNothingDue();

        String text = platform.seen(send).get(1).json().get("text").asString();
        assertThat(text)
                .contains(dev.name() + " asks to extend grant " + grant + " (admin on db-")
                .contains(") by 30 minutes (" + extension + ")")
                .contains("\nExtends: grant " + grant + ", ending at " + TimesForPeople.at(end) + " (in 1 hour)\n")
                .contains("\nDuration: 30 minutes more\n");
        assertThat(platform.seen(send).get(0).json().get("text").asString())
                .as("a request for new access extends nothing")
                .doesNotContain("extend", "Extends");
    }

    @Test
    void aTelegramMessageIsCutToTelegramsLimitAndKeepsItsLink() {
        String send = "/bot8:bot-token/sendMessage";
        platform.answer(send, 200, "{\"ok\":true,\"result\":{\"message_id\":43,\"chat\":{\"id\":-1001235}}}");
        String name = channel(Map.of(
                "type",
                "TELEGRAM",
                "botToken",
                "8:bot-token",
                "chatId",
                "-1001235",
                "webhookSecret",
                "hook_secret-of-sixteen",
                "apiBaseUrl",
                platform.url()));
        Person[] approvers = IntStream.range(0, 40)
                .mapToObj(i -> scene.person("approver-with-a-rather-long-name-for-telegram"))
                .toArray(Person[]::new);
        Map<String, Object> first = step(1, approvers);
        first.put("notify", List.of(name));
        String resource = scene.resource(List.of(first), Map.of());
        String id = api.as(dev.token())
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of(
                                "resource",
                                resource,
                                "account",
                                "admin",
                                "duration",
                                "PT1H",
                                "justification",
                                "w".repeat(2000))))
                .expect(201)
                .json()
                .get("id")
                .asString();
        scene.awaitNothingDue();

        String text = platform.seen(send).get(0).json().get("text").asString();
        assertThat(text)
                .hasSizeLessThanOrEqualTo(4096)
                .contains("\nWho may approve (1 needed): approver-with-a-rather-long-name-for-telegram-", "…")
                .endsWith("\nhttps://countersign.example.com/requests/" + id);
    }

    @Test
    void whatTheRequesterWroteShowsAsWrittenInTeamsAndDiscordNeverAsALinkOrAHeader() {
        platform.answer("/api/webhooks/2/abc", 200, "{\"id\":\"7\"}").answer("/workflows/other", 202, "");
        String discord = channel(Map.of("type", "DISCORD", "webhookUrl", platform.url() + "/api/webhooks/2/abc"));
        String teams = channel(Map.of("type", "TEAMS", "webhookUrl", platform.url() + "/workflows/other"));
        Map<String, Object> first = step(1, lisa);
        first.put("notify", List.of(discord, teams));
        String resource = scene.resource(List.of(first), Map.of());
        api.as(dev.token())
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of(
                                "resource",
                                resource,
                                "account",
                                "admin",
                                "duration",
                                "PT1H",
                                "justification",
                                "[click me](https://evil.example/phish)\n# **now**",
                                "ticket",
                                "<@123> ~~T-1~~")))
                .expect(201);
        scene.awaitNothingDue();

        String why = "\\[click me\\](https://evil.example/phish)\n\\# \\*\\*now\\*\\*";
        String ticket = "\\<@123> \\~\\~T-1\\~\\~";
        JsonNode fields = platform.seen("/api/webhooks/2/abc")
                .get(0)
                .json()
                .get("embeds")
                .get(0)
                .get("fields");
        assertThat(fields.valueStream().filter(f -> f.get("name").asString().equals("Why")))
                .singleElement()
                .satisfies(f -> assertThat(f.get("value").asString()).isEqualTo(why));
        assertThat(fields.valueStream().filter(f -> f.get("name").asString().equals("Ticket")))
                .singleElement()
                .satisfies(f -> assertThat(f.get("value").asString()).isEqualTo(ticket));
        JsonNode facts = platform.seen("/workflows/other")
                .get(0)
                .json()
                .get("attachments")
                .get(0)
                .get("content")
                .get("body")
                .get(1)
                .get("facts");
        assertThat(facts.valueStream().filter(f -> f.get("title").asString().equals("Why")))
                .singleElement()
                .satisfies(f -> assertThat(f.get("value").asString()).isEqualTo(why));
        assertThat(facts.valueStream().filter(f -> f.get("title").asString().equals("Ticket")))
                .singleElement()
                .satisfies(f -> assertThat(f.get("value").asString()).isEqualTo(ticket));
    }
}
