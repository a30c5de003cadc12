package io.countersign.notify;

import static io.countersign.notify.NotificationScene.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.NotificationScene.Person;
import io.countersign.request.BreakGlassReviews;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Everyone on a policy's emergency list is told at once when break-glass access is taken, its
 * reviewers are asked to review it, and the emergency list is told again when nobody did in time.
 */
@NotificationTest
class BreakGlassNotificationTests extends NotificationSceneTestBase {

    @Autowired
    MutableClock clock;

    @Autowired
    BreakGlassReviews reviews;

    Person carol;
    Person rita;

    @BeforeEach
    void people() {
        carol = scene.person("carol");
        rita = scene.person("rita");
    }

    @Test
    void theEmergencyListIsToldTheReviewersAreAskedAndTheStepApproversAreNot() {
        String resource =
                scene.resource(List.of(step(1, lisa)), NotificationScene.breakGlassTelling(carol, List.of(rita)));

        String id = scene.breakGlass(dev, resource, "database down", Map.of())
                .get("id")
                .asString();

        await().atMost(NotificationScene.PATIENCE)
                .until(() -> !sender.acceptedFor(carol.id()).isEmpty());
        Notification told = sender.acceptedFor(carol.id()).get(0);
        assertThat(told.kind()).isEqualTo(NotificationKind.BREAK_GLASS_USED);
        assertThat(told.requestId()).isEqualTo(id);
        assertThat(told.data()).containsEntry("requester", dev.name()).containsEntry("justification", "database down");
        assertThat(told.data()).containsEntry("reviewers", rita.name()).containsKey("dueAt");
        assertThat(sender.acceptedFor(lisa.id())).isEmpty();

        await().atMost(NotificationScene.PATIENCE)
                .until(() -> !sender.acceptedFor(rita.id()).isEmpty());
        Notification asked = sender.acceptedFor(rita.id()).get(0);
        assertThat(asked.kind()).isEqualTo(NotificationKind.BREAK_GLASS_REVIEW);
        assertThat(asked.requestId()).isEqualTo(id);
        assertThat(asked.data()).containsKey("dueAt");

        clock.advance(Duration.ofHours(8));
        reviews.fire(id);

        await().atMost(NotificationScene.PATIENCE)
                .until(() -> sender.acceptedFor(carol.id()).size() == 2);
        Notification overdue = sender.acceptedFor(carol.id()).get(1);
        assertThat(overdue.kind()).isEqualTo(NotificationKind.BREAK_GLASS_REVIEW_OVERDUE);
        assertThat(overdue.requestId()).isEqualTo(id);
        assertThat(overdue.data()).containsEntry("reviewers", rita.name()).containsKey("dueAt");
        assertThat(sender.acceptedFor(rita.id())).hasSize(1);
    }
}
