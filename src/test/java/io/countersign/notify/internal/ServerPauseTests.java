package io.countersign.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServerPauseTests {

    static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    static final Duration PAUSE = Duration.ofSeconds(30);

    final ServerPause pause = new ServerPause(PAUSE);

    @Test
    void aChannelThatReachesItsServerIsNeverPaused() {
        assertThat(pause.allows(T0)).isTrue();
        assertThat(pause.probing(T0)).isFalse();
        assertThat(pause.end()).isFalse();
    }

    @Test
    void anUnreachableServerPausesTheChannelUntilThePauseIsOverAndThenOneDeliveryProbes() {
        assertThat(pause.unreachable(T0)).isTrue();

        assertThat(pause.allows(T0.plus(PAUSE).minusMillis(1))).isFalse();
        assertThat(pause.allows(T0.plus(PAUSE))).isTrue();
        assertThat(pause.probing(T0.plus(PAUSE))).isTrue();
    }

    @Test
    void aProbeThatFindsTheServerStillUnreachablePausesAgainFromItsOwnEnd() {
        pause.unreachable(T0);
        Instant probeEnded = T0.plus(PAUSE).plusSeconds(10);

        assertThat(pause.unreachable(probeEnded))
                .as("the pause went on; it did not begin")
                .isFalse();

        assertThat(pause.allows(probeEnded.plus(PAUSE).minusMillis(1))).isFalse();
        assertThat(pause.probing(probeEnded.plus(PAUSE))).isTrue();
    }

    @Test
    void anAnswerEndsThePauseAndTheChannelSendsAsBefore() {
        pause.unreachable(T0);

        assertThat(pause.end()).isTrue();

        assertThat(pause.allows(T0)).isTrue();
        assertThat(pause.probing(T0.plus(PAUSE))).isFalse();
    }
}
