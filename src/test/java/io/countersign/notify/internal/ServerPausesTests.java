package io.countersign.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServerPausesTests {

    static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    static final Duration PAUSE = Duration.ofSeconds(30);

    final ServerPauses pauses =
            new ServerPauses(new NotificationProperties(Duration.ofMinutes(15), PAUSE, Duration.ofSeconds(1)));

    @Test
    void anUnreachableDestinationPausesItselfButNeitherItsChannelNorTheChannelsOtherDestinations() {
        pauses.afterAttempt("SLACK", "ops", true, false, "connection refused", T0);

        assertThat(pauses.allows("SLACK", "ops", T0.plusSeconds(1))).isFalse();
        assertThat(pauses.allows("SLACK", "sre", T0.plusSeconds(1))).isTrue();
        assertThat(pauses.allows("TELEGRAM", "ops", T0.plusSeconds(1))).isTrue();
        assertThat(pauses.of("SLACK").allows(T0.plusSeconds(1))).isTrue();
        assertThat(pauses.resting("SLACK", T0.plusSeconds(1))).containsExactly("ops");
    }

    @Test
    void deliveriesHeldOnARestingDestinationAreLeftOutOfReadsUntilItsRestIsOver() {
        pauses.afterAttempt("SLACK", "ops", true, false, "connection refused", T0);
        assertThat(pauses.hold("SLACK", "ops", "dlv-1")).isTrue();
        assertThat(pauses.hold("SLACK", "sre", "dlv-2")).as("not resting").isFalse();

        assertThat(pauses.held("SLACK", T0.plusSeconds(1))).containsExactly("dlv-1");
        assertThat(pauses.held("TEAMS", T0.plusSeconds(1))).isEmpty();
        assertThat(pauses.held("SLACK", T0.plus(PAUSE)))
                .as("read again to probe")
                .isEmpty();
        assertThat(pauses.probing("SLACK", "ops", T0.plus(PAUSE))).isTrue();
    }

    @Test
    void anAnswerEndsTheDestinationsPause() {
        pauses.afterAttempt("SLACK", "ops", true, false, "connection refused", T0);

        pauses.afterAttempt("SLACK", "ops", false, true, null, T0.plus(PAUSE));

        assertThat(pauses.allows("SLACK", "ops", T0.plus(PAUSE))).isTrue();
        assertThat(pauses.probing("SLACK", "ops", T0.plus(PAUSE))).isFalse();
    }

    @Test
    void aDestinationDeletedOrGivenAnotherAddressIsForgottenWithWhatItHeld() {
        pauses.afterAttempt("SLACK", "ops", true, false, "connection refused", T0);
        pauses.hold("SLACK", "ops", "dlv-1");

        pauses.forget("SLACK", "ops");

        assertThat(pauses.allows("SLACK", "ops", T0.plusSeconds(1))).isTrue();
        assertThat(pauses.held("SLACK", T0.plusSeconds(1))).isEmpty();
    }
}
