package io.countersign.notify;

import static io.countersign.notify.NotificationScene.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.NotificationScene.Person;
import io.countersign.testing.Api;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The administrator's defaults, each user's overrides, and what they change (and do not). */
@NotificationTest
class SubscriptionTests extends NotificationSceneTestBase {

    Person tom;

    @BeforeEach
    void people() {
        tom = scene.person("tom");
    }

    private String path(Person person) {
        return "/api/v1/users/" + person.name() + "/subscriptions";
    }

    private JsonNode put(Person as, Person whose, Object body) {
        return api.as(as.token()).put(path(whose), Api.json(body)).expect(200).json();
    }

    private List<String> recipientsOfStepOpened(String requestId) {
        scene.awaitNothingDue();
        return scene.notifiedAbout(requestId)
                .valueStream()
                .filter(n -> n.get("kind").asString().equals("step_opened"))
                .map(n -> n.get("recipient").asString())
                .toList();
    }

    @Test
    void aUserWithoutAChoiceFollowsTheDefaultAsItChanges() {
        assertThat(api.as(lisa.token())
                        .get(path(lisa))
                        .expect(200)
                        .json()
                        .get("step_opened")
                        .valueStream())
                .extracting(JsonNode::asString)
                .containsExactly("TEST");

        scene.defaultsTo(List.of("DISCORD", "slack"));

        JsonNode mine = api.as(lisa.token()).get(path(lisa)).expect(200).json();
        assertThat(mine.propertyNames())
                .containsExactly(
                        "step_opened",
                        "step_escalated",
                        "request_decided",
                        "grant_ending",
                        "break_glass_used",
                        "break_glass_review",
                        "break_glass_review_overdue");
        assertThat(mine.get("grant_ending").valueStream())
                .extracting(JsonNode::asString)
                .containsExactly("DISCORD", "SLACK");
        String id = scene.pending(dev, List.of(step(1, lisa, tom)));
        assertThat(recipientsOfStepOpened(id)).isEmpty();
    }

    @Test
    void anUnsubscribedApproverIsNotToldButStillFindsTheRequestInTheirQueue() {
        put(lisa, lisa, Map.of("step_opened", List.of()));

        String id = scene.pending(dev, List.of(step(1, lisa, tom)));

        assertThat(recipientsOfStepOpened(id)).containsExactly(tom.name());
        assertThat(sender.attemptedFor(lisa.id())).isEmpty();
        JsonNode queue = api.as(lisa.token())
                .get("/api/v1/requests?awaiting=me")
                .expect(200)
                .json()
                .get("items");
        assertThat(queue.valueStream().map(r -> r.get("id").asString())).containsExactly(id);
    }

    @Test
    void aUsersChoiceOverridesTheDefaultForItsKindOnly() {
        scene.defaultsTo(List.of());
        JsonNode answered = put(tom, tom, Map.of("step_opened", List.of("test", "DISCORD")));

        assertThat(answered.get("step_opened").valueStream())
                .extracting(JsonNode::asString)
                .containsExactly("TEST", "DISCORD");
        assertThat(answered.get("request_decided")).isEmpty();
        String id = scene.pending(dev, List.of(step(1, lisa, tom)));
        assertThat(recipientsOfStepOpened(id)).containsExactly(tom.name());
    }

    @Test
    void nullForAKindFollowsTheDefaultAgain() {
        put(lisa, lisa, Map.of("step_opened", List.of()));
        Map<String, Object> back = new HashMap<>();
        back.put("step_opened", null);

        assertThat(put(lisa, lisa, back).get("step_opened").valueStream())
                .extracting(JsonNode::asString)
                .containsExactly("TEST");
        String id = scene.pending(dev, List.of(step(1, lisa)));
        assertThat(recipientsOfStepOpened(id)).containsExactly(lisa.name());
    }

    @Test
    void anAdministratorMaySetAUsersChoiceButNobodyElseMay() {
        api.asAdmin()
                .put(path(lisa), Api.json(Map.of("request_decided", List.of())))
                .expect(200);
        assertThat(api.as(lisa.token()).get(path(lisa)).json().get("request_decided"))
                .isEmpty();

        assertThat(api.as(tom.token()).get(path(lisa)).status()).isEqualTo(404);
        assertThat(api.as(tom.token())
                        .put(path(lisa), Api.json(Map.of("step_opened", List.of())))
                        .status())
                .isEqualTo(404);
        assertThat(api.asAdmin()
                        .get("/api/v1/users/nobody-at-all/subscriptions")
                        .status())
                .isEqualTo(404);
        assertThat(api.anonymous().get(path(lisa)).status()).isEqualTo(401);
    }

    @Test
    void onlyAnAdministratorChangesTheDefaults() {
        assertThat(api.as(lisa.token())
                        .put("/api/v1/settings/subscriptions", Api.json(Map.of("step_opened", List.of())))
                        .status())
                .isEqualTo(403);
        assertThat(api.as(lisa.token()).get("/api/v1/settings/subscriptions").status())
                .isEqualTo(403);
        JsonNode defaults =
                api.asAdmin().get("/api/v1/settings/subscriptions").expect(200).json();
        assertThat(defaults.get("step_opened").valueStream())
                .extracting(JsonNode::asString)
                .containsExactly("TEST");
    }

    @Test
    void unknownKindsAndChannelsAreRefusedWithEveryProblemAndChangeNothing() {
        var answer = api.as(lisa.token())
                .put(
                        path(lisa),
                        Api.json(Map.of(
                                "step_opened", List.of("EMAIL", "PIGEON"),
                                "lunch_served", List.of("EMAIL"))));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json()
                        .get("errors")
                        .valueStream()
                        .map(e ->
                                e.get("field").asString() + ":" + e.get("code").asString()))
                .containsExactlyInAnyOrder("step_opened[1]:unknown_channel", "lunch_served:unknown_kind");
        assertThat(api.as(lisa.token())
                        .get(path(lisa))
                        .json()
                        .get("step_opened")
                        .valueStream())
                .extracting(JsonNode::asString)
                .containsExactly("TEST");

        Map<String, Object> missing = new HashMap<>();
        missing.put("grant_ending", null);
        assertThat(api.asAdmin()
                        .put("/api/v1/settings/subscriptions", Api.json(missing))
                        .status())
                .isEqualTo(400);
        assertThat(api.as(lisa.token())
                        .put(path(lisa), Api.json(Map.of("step_opened", "EMAIL")))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aChannelGivenTwiceIsRefusedRatherThanMerged() {
        var answer = api.as(lisa.token())
                .put(path(lisa), Api.json(Map.of("step_opened", List.of("EMAIL", "email"))))
                .expect(400);

        assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("step_opened[1]");
        assertThat(answer.json().get("errors").get(0).get("code").asString()).isEqualTo("duplicate");
        assertThat(api.as(lisa.token())
                        .get(path(lisa))
                        .json()
                        .get("step_opened")
                        .valueStream())
                .extracting(JsonNode::asString)
                .containsExactly("TEST");
    }

    @Test
    void valuesOfTheWrongTypeAreReportedWithTheOtherProblemsAndChangeNothing() {
        JsonNode before = api.as(lisa.token()).get(path(lisa)).expect(200).json();
        JsonNode defaultsBefore =
                api.asAdmin().get("/api/v1/settings/subscriptions").expect(200).json();
        var mine = api.as(lisa.token())
                .put(
                        path(lisa),
                        "{\"step_opened\":[\"EMAIL\",{\"pasted-secret-4b6e\":1}],\"grant_ending\":\"EMAIL\","
                                + "\"lunch_served\":[\"EMAIL\"],\"request_decided\":[\"PIGEON\"]}");
        var defaults = api.asAdmin()
                .put("/api/v1/settings/subscriptions", "{\"step_opened\":[7],\"grant_ending\":[\"EMAIL\"]}");

        assertThat(Api.issues(mine.expect(400)))
                .containsExactlyInAnyOrder(
                        "step_opened[1]:invalid_type",
                        "grant_ending:invalid_type",
                        "lunch_served:unknown_kind",
                        "request_decided[0]:unknown_channel");
        assertThat(mine.body()).doesNotContain("pasted-secret-4b6e");
        assertThat(Api.issues(defaults.expect(400))).containsExactly("step_opened[0]:invalid_type");
        assertThat(api.as(lisa.token()).get(path(lisa)).expect(200).json()).isEqualTo(before);
        assertThat(api.asAdmin()
                        .get("/api/v1/settings/subscriptions")
                        .expect(200)
                        .json())
                .isEqualTo(defaultsBefore);
    }

    @Test
    void changesAreAudited() {
        put(lisa, lisa, Map.of("grant_ending", List.of()));

        await().atMost(NotificationScene.PATIENCE)
                .until(() -> !api.asAdmin()
                        .get("/api/v1/audit?actor=" + lisa.name())
                        .json()
                        .get("items")
                        .isEmpty());
        assertThat(api.asAdmin()
                        .get("/api/v1/audit?actor=" + lisa.name())
                        .json()
                        .get("items")
                        .valueStream()
                        .map(e -> e.get("action").asString()))
                .contains("user.subscriptions_changed");
    }

    @Test
    void savesMadeAtTheSameMomentEachSucceedAndOneOfThemStands() throws Exception {
        int saves = 8;
        for (List<String> before : List.of(List.of("DISCORD"), List.<String>of())) {
            put(lisa, lisa, Map.of("grant_ending", before));
            CyclicBarrier together = new CyclicBarrier(saves);
            ExecutorService threads = Executors.newFixedThreadPool(saves);
            try {
                List<Future<Integer>> statuses = new ArrayList<>();
                for (int i = 0; i < saves; i++) {
                    List<String> channels = i % 2 == 0 ? List.of("SLACK") : List.of("TEAMS");
                    statuses.add(threads.submit(() -> {
                        together.await();
                        return api.as(lisa.token())
                                .put(path(lisa), Api.json(Map.of("grant_ending", channels)))
                                .status();
                    }));
                }
                for (Future<Integer> status : statuses) {
                    assertThat(status.get()).isEqualTo(200);
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(api.as(lisa.token())
                            .get(path(lisa))
                            .json()
                            .get("grant_ending")
                            .valueStream()
                            .map(JsonNode::asString)
                            .toList())
                    .isIn(List.of("SLACK"), List.of("TEAMS"));
        }
    }
}
