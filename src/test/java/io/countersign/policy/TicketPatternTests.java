package io.countersign.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TicketPatternTests {

    @Test
    void ordinaryPatternsMatchWholeTickets() {
        assertThat(TicketPattern.problem("^(INC|CHG)-[0-9]+$")).isEmpty();
        assertThat(TicketPattern.matches("^(INC|CHG)-[0-9]+$", "INC-123")).isTrue();
        assertThat(TicketPattern.matches("(INC|CHG)-[0-9]+", "INC-123 and more"))
                .isFalse();
    }

    @Test
    void backReferencesAndLookAroundAreRefusedWithAReason() {
        assertThat(TicketPattern.problem("(a)\\1")).get().asString().contains("RE2");
        assertThat(TicketPattern.problem("(?=INC)INC-1")).isPresent();
        assertThat(TicketPattern.problem("(?<!x)INC")).isPresent();
        assertThat(TicketPattern.matches("(a)\\1", "aa")).isFalse();
    }

    /** The guard is generous: the point is that the match ends at all, which a backtracking engine's does not. */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPatternThatBacktracksExponentiallyElsewhereFinishes() {
        assertThat(TicketPattern.matches("(.*a){20}", "a".repeat(40) + "b")).isFalse();
        assertThat(TicketPattern.matches("(.*a){20}", "a".repeat(41))).isTrue();
    }
}
