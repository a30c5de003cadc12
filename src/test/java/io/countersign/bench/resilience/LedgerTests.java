package io.countersign.bench.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LedgerTests {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(0);
    private final Ledger ledger = new Ledger(clock::get);

    @Test
    void aReplayedKeyAnsweredWithTheSameRequestIsNotAProblem() {
        ledger.created("key-1", "req-a", false);
        ledger.created("key-1", "req-a", true);

        assertThat(ledger.unexpected).isEmpty();
        assertThat(ledger.creationsReplayed.sum()).isEqualTo(1);
    }

    @Test
    void aKeyAnsweredWithTwoDifferentRequestsIsReported() {
        ledger.created("key-1", "req-a", false);
        ledger.created("key-1", "req-b", true);

        assertThat(ledger.unexpected).singleElement().asString().contains("key-1", "req-a", "req-b");
    }

    @Test
    void theLongestPauseRunsFromTheFaultToTheFirstAcknowledgementAfterIt() {
        clock.set(10 * SECOND);
        ledger.decided("req-a", 0, "approver");
        clock.set(11 * SECOND);
        ledger.decided("req-b", 0, "approver");
        clock.set(15 * SECOND);
        ledger.decided("req-c", 0, "approver");

        assertThat(ledger.longestPause(10 * SECOND + SECOND / 2, 16 * SECOND)).isEqualTo(4 * SECOND);
        assertThat(ledger.longestPause(12 * SECOND, 20 * SECOND)).isEqualTo(5 * SECOND);
    }

    @Test
    void withoutAnyAcknowledgementTheWholeWindowIsAPause() {
        assertThat(ledger.longestPause(SECOND, 3 * SECOND)).isEqualTo(2 * SECOND);
    }
}
