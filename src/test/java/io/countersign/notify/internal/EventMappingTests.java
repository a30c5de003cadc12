package io.countersign.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.notify.EventType;
import org.junit.jupiter.api.Test;

class EventMappingTests {

    @Test
    void requestEventsAndGrantStartsPassThroughUnderTheirOwnNames() {
        for (String action : new String[] {
            "request.created",
            "request.step_started",
            "request.approved",
            "request.rejected",
            "request.cancelled",
            "request.expired",
            "grant.started"
        }) {
            assertThat(EventMapping.of(action)).singleElement().satisfies(mapped -> {
                assertThat(mapped.type().wireName()).isEqualTo(action);
                assertThat(mapped.reason()).isNull();
            });
        }
    }

    @Test
    void bothWaysAGrantEndsBecomeGrantEndedWithAReason() {
        assertThat(EventMapping.of("grant.revoked"))
                .contains(new EventMapping.Mapped(EventType.GRANT_ENDED, "revoked"));
        assertThat(EventMapping.of("grant.expired"))
                .containsExactly(new EventMapping.Mapped(EventType.GRANT_ENDED, "expired"));
    }

    @Test
    void everyRevocationIsAlsoGrantRevoked() {
        assertThat(EventMapping.of("grant.revoked"))
                .containsExactly(
                        new EventMapping.Mapped(EventType.GRANT_ENDED, "revoked"),
                        new EventMapping.Mapped(EventType.GRANT_REVOKED, null));
    }

    @Test
    void administrativeActionsAreNotWebhookEvents() {
        assertThat(EventMapping.of("user.created")).isEmpty();
        assertThat(EventMapping.of("webhook.created")).isEmpty();
        assertThat(EventMapping.of(null)).isEmpty();
    }
}
