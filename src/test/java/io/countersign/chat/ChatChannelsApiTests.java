package io.countersign.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.notify.NotificationScene;
import io.countersign.testing.Api;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Saving chat channels through the API: replacing one, refusing one that its platform could not use
 * with every problem at once, and the policy steps that name channels and the ways they may be decided.
 */
class ChatChannelsApiTests extends ChatChannelsApiFixture {

    @Autowired
    NotificationScene scene;

    @Test
    void aReplacementWithoutSecretsKeepsTheStoredOnes() {
        String name = Api.unique("ops");
        api.asAdmin()
                .post("/api/v1/channels", Api.json(slackChannel(name, null)))
                .expect(201);
        JsonNode asRead =
                api.asAdmin().get("/api/v1/channels/" + name).expect(200).json();

        Map<String, Object> replacement = Api.JSON_READER.convertValue(asRead, Map.class);
        replacement.put("channel", "C999");
        replacement.put("default", true);
        api.asAdmin().put("/api/v1/channels/" + name, Api.json(replacement)).expect(200);

        JsonNode after =
                api.asAdmin().get("/api/v1/channels/" + name).expect(200).json();
        assertThat(after.get("channel").asString()).isEqualTo("C999");
        assertThat(after.get("default").asBoolean()).isTrue();
        assertThat(after.get("botTokenSet").asBoolean()).isTrue();
        assertThat(after.get("signingSecretSet").asBoolean()).isTrue();
        // a default channel would hear of the requests of the tests that follow, at an address that may not resolve
        api.asAdmin().delete("/api/v1/channels/" + name).expect(204);
    }

    @Test
    void aReplacementResetsEveryFieldItLeavesOutButKeepsTheSecrets() {
        String name = Api.unique("ops");
        Map<String, Object> created = slackChannel(name, "http://127.0.0.1:9/proxy");
        created.put("default", true);
        created.put("directMessages", true);
        api.asAdmin().post("/api/v1/channels", Api.json(created)).expect(201);

        api.asAdmin()
                .put("/api/v1/channels/" + name, Api.json(Map.of("type", "SLACK", "channel", "C0999999999")))
                .expect(200);

        JsonNode after =
                api.asAdmin().get("/api/v1/channels/" + name).expect(200).json();
        assertThat(after.get("channel").asString()).isEqualTo("C0999999999");
        assertThat(after.get("default").asBoolean()).isFalse();
        assertThat(after.get("directMessages").asBoolean()).isFalse();
        assertThat(after.path("apiBaseUrl").isMissingNode()
                        || after.get("apiBaseUrl").isNull())
                .isTrue();
        assertThat(after.get("botTokenSet").asBoolean()).isTrue();
        assertThat(after.get("signingSecretSet").asBoolean()).isTrue();
    }

    @Test
    void aChannelWithoutWhatItsPlatformNeedsIsRefusedWithEveryProblemAndNothingIsSaved() {
        String name = Api.unique("tg");
        var refused = api.asAdmin()
                .post(
                        "/api/v1/channels",
                        Api.json(Map.of(
                                "name",
                                name,
                                "type",
                                "TELEGRAM",
                                "chatId",
                                "not a chat",
                                "webhookSecret",
                                "no spaces")))
                .expect(400);

        assertThat(refused.json()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("field").asString()))
                .contains("botToken", "chatId", "webhookSecret");
        api.asAdmin().get("/api/v1/channels/" + name).expect(404);
    }

    @Test
    void anUnknownTypeIsReportedWithTheOtherIssuesWithoutItselfAndSavesNothing() {
        String name = Api.unique("ops");
        var created = api.asAdmin()
                .post("/api/v1/channels", Api.json(Map.of("name", name + " !", "type", "pasted-secret-4d0c")))
                .expect(400);

        assertThat(Api.issues(created)).containsExactlyInAnyOrder("name:invalid_name", "type:invalid_value");
        assertThat(created.body())
                .contains("must be one of SLACK, TEAMS, DISCORD, TELEGRAM")
                .doesNotContain("pasted-secret-4d0c");

        api.asAdmin()
                .post("/api/v1/channels", Api.json(slackChannel(name, null)))
                .expect(201);
        var replaced = api.asAdmin()
                .put("/api/v1/channels/" + name, Api.json(Map.of("type", "SLACKER", "channel", "C".repeat(201))))
                .expect(400);

        assertThat(Api.issues(replaced)).containsExactlyInAnyOrder("type:invalid_value", "channel:too_long");
        assertThat(replaced.body()).doesNotContain("SLACKER");
        JsonNode kept =
                api.asAdmin().get("/api/v1/channels/" + name).expect(200).json();
        assertThat(kept.get("type").asString()).isEqualTo("SLACK");
        assertThat(kept.get("channel").asString()).isEqualTo("C0123456789");
    }

    @Test
    void aNewTelegramWebhookSecretIsSixteenToTwoHundredFiftySixOfTelegramsCharacters() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", Api.unique("tg"));
        body.put("type", "TELEGRAM");
        body.put("botToken", "1:bot-token");
        body.put("chatId", "-1001");
        body.put("webhookSecret", "fifteen-chars-x");

        var refused = api.asAdmin().post("/api/v1/channels", Api.json(body)).expect(400);
        assertThat(Api.issues(refused)).containsExactly("webhookSecret:invalid");
        assertThat(refused.body()).contains("must be 16 to 256 characters").doesNotContain("fifteen-chars-x");

        body.put("webhookSecret", "sixteen-chars-xy");
        api.asAdmin().post("/api/v1/channels", Api.json(body)).expect(201);
    }

    @Test
    void aNewSlackSigningSecretIsAtLeastSixteenCharactersLong() {
        Map<String, Object> body = slackChannel(Api.unique("ops"), null);
        body.put("signingSecret", "fifteen-chars-x");

        var refused = api.asAdmin().post("/api/v1/channels", Api.json(body)).expect(400);
        assertThat(Api.issues(refused)).containsExactly("signingSecret:too_short");
        assertThat(refused.body()).contains("at least 16 characters").doesNotContain("fifteen-chars-x");

        body.put("signingSecret", "sixteen-chars-xy");
        api.asAdmin().post("/api/v1/channels", Api.json(body)).expect(201);
        api.asAdmin().delete("/api/v1/channels/" + body.get("name")).expect(204);
    }

    @Test
    void aPolicyStepNamesOnlyChannelsThatExistAndAChannelItNamesCannotBeDeleted() {
        String name = Api.unique("ops");
        api.asAdmin()
                .post("/api/v1/channels", Api.json(slackChannel(name, null)))
                .expect(201);
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("name", Api.unique("policy"));
        policy.put("conditions", Map.of("resourceName", Api.unique("db")));
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("approvers", java.util.List.of(Map.of("user", "admin")));
        step.put("notify", java.util.List.of("no-such-channel"));
        policy.put("steps", java.util.List.of(step));

        var refused = api.asAdmin().post("/api/v1/policies", Api.json(policy)).expect(400);
        assertThat(refused.body()).contains("steps[0].notify[0]").contains("unknown_channel");

        step.put("notify", java.util.List.of(name));
        step.put("allowedDecisionChannels", java.util.List.of("WEB"));
        JsonNode saved = api.asAdmin()
                .post("/api/v1/policies", Api.json(policy))
                .expect(201)
                .json();
        assertThat(saved.get("steps").get(0).get("notify").get(0).asString()).isEqualTo(name);
        assertThat(saved.get("steps")
                        .get(0)
                        .get("allowedDecisionChannels")
                        .get(0)
                        .asString())
                .isEqualTo("WEB");

        assertThat(api.asAdmin().delete("/api/v1/channels/" + name).expect(409).body())
                .contains((String) policy.get("name"));
    }

    @Test
    void aStepThatMayBeDecidedOnlyOnTheWebRefusesADecisionThroughTheApiAndChangesNothing() {
        scene.startFresh();
        var dev = scene.person("dev");
        var lisa = scene.person("lisa");
        Map<String, Object> step = NotificationScene.step(1, lisa);
        step.put("allowedDecisionChannels", java.util.List.of("WEB"));
        String id = scene.pending(dev, java.util.List.of(step));

        var refused = api.as(lisa.token())
                .post("/api/v1/requests/" + id + "/approve", Api.json(Map.of("comment", "ok")))
                .expect(403);

        assertThat(refused.body())
                .contains(
                        "Step 1 of request " + id + " may not be decided through API; it may be decided through WEB.");
        JsonNode request =
                api.asAdmin().get("/api/v1/requests/" + id).expect(200).json();
        assertThat(request.get("status").asString()).isEqualTo("PENDING");
        assertThat(request.get("decisions")).isEmpty();
    }

    @Test
    void channelsAreForAdministratorsOnly() {
        api.anonymous().get("/api/v1/channels").expect(401);
    }

    @Test
    void aFieldOfAnotherTypeOfChannelIsReportedWithTheOtherIssuesAndSavesNothing() {
        String name = Api.unique("teams");
        var created = api.asAdmin()
                .post(
                        "/api/v1/channels",
                        Api.json(Map.of(
                                "name",
                                name,
                                "type",
                                "TEAMS",
                                "botToken",
                                "xoxb-1",
                                "signingSecret",
                                "s",
                                "chatId",
                                "-100",
                                "apiBaseUrl",
                                "https://proxy.example.com",
                                "channel",
                                "")))
                .expect(400);

        assertThat(Api.issues(created))
                .containsExactlyInAnyOrder(
                        "webhookUrl:required",
                        "botToken:not_applicable",
                        "signingSecret:not_applicable",
                        "chatId:not_applicable",
                        "apiBaseUrl:not_applicable");
        assertThat(created.body()).contains("does not apply to a TEAMS channel").doesNotContain("xoxb-1");
        api.asAdmin().get("/api/v1/channels/" + name).expect(404);

        String telegram = Api.unique("tg");
        api.asAdmin()
                .post(
                        "/api/v1/channels",
                        Api.json(Map.of(
                                "name",
                                telegram,
                                "type",
                                "TELEGRAM",
                                "botToken",
                                "1:bot-token",
                                "chatId",
                                "-100",
                                "webhookSecret",
                                "hook_secret-of-sixteen")))
                .expect(201);
        var replaced = api.asAdmin()
                .put(
                        "/api/v1/channels/" + telegram,
                        Api.json(Map.of(
                                "type",
                                "TELEGRAM",
                                "chatId",
                                "-100",
                                "channel",
                                "C1",
                                "webhookUrl",
                                "https://example.com/hook",
                                "directMessages",
                                true)))
                .expect(400);

        assertThat(Api.issues(replaced))
                .containsExactlyInAnyOrder(
                        "channel:not_applicable", "webhookUrl:not_applicable", "directMessages:not_applicable");
        assertThat(api.asAdmin()
                        .get("/api/v1/channels/" + telegram)
                        .expect(200)
                        .json()
                        .hasNonNull("channel"))
                .isFalse();
    }
}
