package io.countersign.notify;

import static io.countersign.notify.NotificationScene.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.NotificationScene.Person;
import io.countersign.request.RequestTimers;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A delegate is told of the steps they may decide, as the approvers they stand in for are. */
@NotificationTest
class DelegateNotificationTests extends NotificationSceneTestBase {

    @Autowired
    MutableClock clock;

    @Autowired
    RequestTimers timers;

    Person sam;

    @BeforeEach
    void people() {
        sam = scene.person("sam");
    }

    private void delegatesToSam(Person approver) {
        api.delegate(
                approver.token(), approver.name(), sam.name(), clock.instant().plus(Duration.ofDays(1)));
    }

    @Test
    void aStepThatOpensDuringADelegationTellsTheDelegateToo() {
        delegatesToSam(lisa);

        String id = scene.pending(dev, List.of(step(1, lisa)));

        await().atMost(NotificationScene.PATIENCE)
                .until(() -> !sender.acceptedFor(sam.id()).isEmpty()
                        && !sender.acceptedFor(lisa.id()).isEmpty());
        Notification told = sender.acceptedFor(sam.id()).get(0);
        assertThat(told.kind()).isEqualTo(NotificationKind.STEP_OPENED);
        assertThat(told.requestId()).isEqualTo(id);
    }

    @Test
    void aDelegationThatStartsWhileAStepWaitsTellsTheDelegateOnWhoseBehalf() {
        String id = scene.pending(dev, List.of(step(1, lisa)));
        await().atMost(NotificationScene.PATIENCE)
                .until(() -> !sender.acceptedFor(lisa.id()).isEmpty());
        assertThat(sender.acceptedFor(sam.id())).isEmpty();

        delegatesToSam(lisa);

        await().atMost(NotificationScene.PATIENCE)
                .until(() -> !sender.acceptedFor(sam.id()).isEmpty());
        Notification told = sender.acceptedFor(sam.id()).get(0);
        assertThat(told.kind()).isEqualTo(NotificationKind.STEP_OPENED);
        assertThat(told.requestId()).isEqualTo(id);
        assertThat(told.data()).containsEntry("onBehalfOf", lisa.name());
    }

    @Test
    void aDelegationToAnApproverOfTheWaitingStepTellsThemNothingMore() {
        scene.pending(dev, List.of(step(1, lisa, sam)));
        assertThat(scene.deliveriesTo(sam)).as("the step's opening").hasSize(1);

        delegatesToSam(lisa);

        // sam decides that step as himself: the notice of its opening was all he needed
        assertThat(scene.deliveriesTo(sam))
                .as("no second notice on behalf of lisa")
                .hasSize(1);
    }

    @Test
    void anEscalationTellsTheDelegatesInForceOfTheApproversItAdds() {
        Person carol = scene.person("carol");
        delegatesToSam(carol);
        Map<String, Object> escalating = step(1, lisa);
        escalating.put("timeout", "PT30M");
        escalating.put("onTimeout", "ESCALATE");
        escalating.put("escalateTo", List.of(Map.of("user", carol.name())));
        String id = scene.pending(dev, List.of(escalating));
        await().atMost(NotificationScene.PATIENCE)
                .until(() -> !sender.acceptedFor(lisa.id()).isEmpty());
        assertThat(sender.acceptedFor(sam.id())).isEmpty();

        clock.advance(Duration.ofMinutes(31));
        timers.fire(id);

        await().atMost(NotificationScene.PATIENCE)
                .until(() -> !sender.acceptedFor(sam.id()).isEmpty());
        assertThat(sender.acceptedFor(sam.id())).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.STEP_ESCALATED);
            assertThat(n.requestId()).isEqualTo(id);
        });
    }
}
