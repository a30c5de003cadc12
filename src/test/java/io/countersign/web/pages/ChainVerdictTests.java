package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.audit.ChainAnchor;
import io.countersign.audit.ChainBreak;
import io.countersign.audit.ChainVerification;
import org.junit.jupiter.api.Test;

class ChainVerdictTests {

    private static final String HASH = "9f".repeat(32);

    @Test
    void anIntactChainSaysHowManyEventsWereVerified() {
        assertThat(ChainVerdict.of(new ChainVerification(true, 1234, null, null, HASH)))
                .isEqualTo("The chain is intact: 1234 events verified.");
    }

    @Test
    void aBreakTheChainShowsItselfIsNamedAtItsEvent() {
        assertThat(ChainVerdict.of(new ChainVerification(false, 41, 42L, ChainBreak.HASH_MISMATCH, HASH)))
                .isEqualTo("The chain is broken at event 42 (hash_mismatch).");
    }

    @Test
    void aRewriteContradictingACheckpointIsPlacedBetweenTheLastThatHoldsAndIt() {
        ChainVerification rewritten = new ChainVerification(
                false, 191, 192L, ChainBreak.CHECKPOINT_MISMATCH, HASH, new ChainAnchor(200, HASH), 0, null);

        assertThat(ChainVerdict.of(rewritten))
                .isEqualTo("The chain does not match the checkpoint at event 200: an event from 192 to 200 was"
                        + " changed since it was signed (checkpoint_mismatch).")
                .doesNotContain("broken at event 192");
    }

    @Test
    void aChainCutShortOfACheckpointSaysTheNewestEventsWereDeleted() {
        ChainVerification cut = new ChainVerification(
                false, 12, 13L, ChainBreak.CHECKPOINT_MISSING, HASH, new ChainAnchor(17, HASH), 0, null);

        assertThat(ChainVerdict.of(cut))
                .isEqualTo("The chain ends before the checkpoint at event 17: events up to it were deleted and the"
                        + " head moved back since it was signed, from event 13 on at the earliest"
                        + " (checkpoint_missing).");
    }
}
