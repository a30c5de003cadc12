package io.countersign.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the listening thread takes fences to send itself, and which it sends. */
class ListenerSendsTests {

    @Test
    void whileTheThreadWaitsOnItsSocketNothingIsQueuedAndTheCallerSendsItself() throws Exception {
        ListenerSends sends = new ListenerSends(Duration.ofMinutes(1), Duration.ofMillis(1));

        assertThat(sends.offer("fence", 1)).isFalse();

        // the refused offer was an ask: the thread, back from its socket, stays awake and reads
        assertThat(sends.next()).isEmpty();
        assertThat(sends.offer("fence", 2)).isTrue();
        assertThat(sends.next()).isEqualTo(Map.of("fence", 2L));
    }

    @Test
    void offersMadeOutOfOrderSendTheHighestNumber() throws Exception {
        ListenerSends sends = awake();

        assertThat(sends.offer("fence", 7)).isTrue();
        assertThat(sends.offer("fence", 5)).isTrue();
        assertThat(sends.offer("other", 1)).isTrue();

        assertThat(sends.next()).isEqualTo(Map.of("fence", 7L, "other", 1L));
    }

    @Test
    void withNothingAskedForAWhileTheThreadGoesBackToItsSocket() throws Exception {
        ListenerSends sends = new ListenerSends(Duration.ZERO, Duration.ofMillis(1));

        assertThat(sends.next()).isNull();
        assertThat(sends.offer("fence", 1)).isFalse();
    }

    @Test
    void aLostConnectionDropsWhatWasQueuedAndRefusesUntilTheThreadIsBack() throws Exception {
        ListenerSends sends = awake();
        assertThat(sends.offer("fence", 3)).isTrue();

        sends.reset();

        assertThat(sends.offer("fence", 4)).isFalse();
        assertThat(sends.next()).isEmpty();
    }

    private static ListenerSends awake() throws InterruptedException {
        ListenerSends sends = new ListenerSends(Duration.ofMinutes(1), Duration.ofMillis(1));
        sends.offer("fence", 0);
        sends.next();
        return sends;
    }
}
