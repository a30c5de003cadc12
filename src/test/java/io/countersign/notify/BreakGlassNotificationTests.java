package io.countersign.notify;

import static io.countersign.notify.NotificationScene.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.NotificationScene.Person;
import io.countersign.testing.Api;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Everyone on a policy's emergency list is told at once when break-glass access is taken. */
@NotificationTest
class BreakGlassNotificationTests {

    @Autowired
    NotificationScene scene;

    @Autowired
    RecordingSender sender;

    @Autowired
    Api api;

    Person dev;
    Person lisa;
    Person carol;

    @BeforeEach
    void people() {
        scene.startFresh();
        dev = scene.person("dev");
        lisa = scene.person("lisa");
        carol = scene.person("carol");
    }

    @Test
    void theEmergencyListIsToldAndTheStepApproversAreNot() {
        String resource = scene.resource(
                List.of(step(1, lisa)),
                Map.of("breakGlass", Map.of("maxDuration", "PT1H", "notify", List.of(Map.of("user", carol.name())))));

        String id = api.as(dev.token())
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
                                "database down")))
                .expect(201)
                .json()
                .get("id")
                .asString();

        await().atMost(NotificationScene.PATIENCE)
                .until(() -> !sender.acceptedFor(carol.id()).isEmpty());
        Notification told = sender.acceptedFor(carol.id()).get(0);
        assertThat(told.kind()).isEqualTo(NotificationKind.BREAK_GLASS_USED);
        assertThat(told.requestId()).isEqualTo(id);
        assertThat(told.data()).containsEntry("requester", dev.name()).containsEntry("justification", "database down");
        assertThat(sender.acceptedFor(lisa.id())).isEmpty();
    }
}
