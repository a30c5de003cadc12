package io.countersign.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainWalkTests {

    @Test
    void anEmptyLogWithAFreshHeadIsValid() {
        var verdict = walk(List.of(), 0, ChainHash.GENESIS);

        assertThat(verdict).isEqualTo(new ChainVerification(true, 0, null, null, ChainHash.GENESIS));
    }

    @Test
    void anIntactChainIsValidAndCountsEveryEvent() {
        var chain = Chains.of(5);

        var verdict = walk(chain, 5, chain.get(4).hash());

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.events()).isEqualTo(5);
        assertThat(verdict.firstBrokenEventId()).isNull();
        assertThat(verdict.headHash()).isEqualTo(chain.get(4).hash());
    }

    @Test
    void aGapInTheIdsBreaksTheChainAtTheMissingId() {
        var chain = new ArrayList<>(Chains.of(5));
        chain.remove(2);

        var verdict = walk(chain, 5, chain.get(3).hash());

        assertBroken(verdict, 3, ChainBreak.MISSING_EVENT);
        assertThat(verdict.events()).isEqualTo(2);
    }

    @Test
    void aChainThatDoesNotStartAtOneIsMissingItsFirstEvent() {
        var chain = new ArrayList<>(Chains.of(3));
        chain.remove(0);

        assertBroken(walk(chain, 3, chain.get(1).hash()), 1, ChainBreak.MISSING_EVENT);
    }

    @Test
    void aChangedColumnNoLongerMatchesItsHash() {
        var chain = new ArrayList<>(Chains.of(4));
        AuditRecord original = chain.get(1);
        chain.set(1, Chains.unhashed(2, original.previousHash(), "edited").withHash(original.hash()));

        assertBroken(walk(chain, 4, chain.get(3).hash()), 2, ChainBreak.HASH_MISMATCH);
    }

    @Test
    void anEventRehashedAfterEditingBreaksTheLinkOfItsSuccessor() {
        var chain = new ArrayList<>(Chains.of(4));
        chain.set(1, Chains.hashed(Chains.unhashed(2, chain.get(1).previousHash(), "edited")));

        assertBroken(walk(chain, 4, chain.get(3).hash()), 3, ChainBreak.PREVIOUS_HASH_MISMATCH);
    }

    @Test
    void twoEventsWithSwappedContentsBreakAtTheFirstOfThem() {
        var chain = new ArrayList<>(Chains.of(4));
        AuditRecord second = chain.get(1);
        AuditRecord third = chain.get(2);
        chain.set(1, AuditTables.withId(third, 2));
        chain.set(2, AuditTables.withId(second, 3));

        assertBroken(walk(chain, 4, chain.get(3).hash()), 2, ChainBreak.PREVIOUS_HASH_MISMATCH);
    }

    @Test
    void aHeadBehindTheLastEventBreaksAtTheFirstEventItDoesNotCover() {
        var chain = Chains.of(4);

        assertBroken(walk(chain, 3, chain.get(2).hash()), 4, ChainBreak.EVENT_BEYOND_HEAD);
    }

    @Test
    void anEventPastAGapAfterTheHeadIsBeyondTheHeadAndNamedByItsOwnId() {
        var chain = new ArrayList<>(Chains.of(5));
        chain.remove(3);

        var verdict = walk(chain, 3, chain.get(2).hash());

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.reason()).isEqualTo(ChainBreak.EVENT_BEYOND_HEAD);
        assertThat(verdict.firstBrokenEventId()).isEqualTo(5);
        assertThat(verdict.events()).isEqualTo(3);
    }

    @Test
    void aHeadAheadOfTheLastEventMeansTheLastEventsAreMissing() {
        var chain = Chains.of(4);

        assertBroken(walk(chain.subList(0, 3), 4, chain.get(3).hash()), 4, ChainBreak.MISSING_EVENT);
    }

    @Test
    void aHeadWhoseHashDiffersFromTheLastEventBreaksAtTheLastEvent() {
        var chain = Chains.of(4);

        var verdict = walk(chain, 4, "ff".repeat(32));

        assertBroken(verdict, 4, ChainBreak.HEAD_MISMATCH);
        assertThat(verdict.headHash()).isEqualTo("ff".repeat(32));
    }

    @Test
    void aHeadThatRecordsEventsOfAnEmptyLogBreaksAtTheFirstEvent() {
        assertBroken(walk(List.of(), 2, "ff".repeat(32)), 1, ChainBreak.MISSING_EVENT);
        assertBroken(walk(List.of(), 0, "ff".repeat(32)), 1, ChainBreak.HEAD_MISMATCH);
    }

    @Test
    void onceBrokenTheWalkAcceptsNothingMoreAndKeepsTheFirstBreak() {
        var chain = Chains.of(4);
        var walk = new ChainWalk();
        walk.accept(chain.get(0));
        walk.accept(chain.get(2));

        assertThat(walk.accept(chain.get(3))).isFalse();
        assertBroken(walk.finish(4, chain.get(3).hash()), 2, ChainBreak.MISSING_EVENT);
    }

    @Test
    void eventsGivenOutOfOrderAreAProgrammingError() {
        var chain = Chains.of(2);
        var walk = new ChainWalk();
        walk.accept(chain.get(0));
        walk.accept(chain.get(1));

        assertThatThrownBy(() -> walk.accept(chain.get(0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChainThatStillContainsTheAnchorIsValid() {
        var chain = Chains.of(6);
        var anchor = new ChainAnchor(4, chain.get(3).hash());

        var verdict = walk(ChainWalk.against(anchor), chain, 6, chain.get(5).hash());

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.events()).isEqualTo(6);
    }

    @Test
    void newestEventsDeletedWithTheHeadMovedBackPassWithoutAnAnchorButNotAgainstIt() {
        var chain = Chains.of(6);
        var anchor = new ChainAnchor(6, chain.get(5).hash());
        var truncated = chain.subList(0, 3);

        assertThat(walk(truncated, 3, chain.get(2).hash()).valid()).isTrue();
        var verdict = walk(ChainWalk.against(anchor), truncated, 3, chain.get(2).hash());
        assertBroken(verdict, 1, ChainBreak.CHECKPOINT_MISSING);
        assertThat(verdict.checkpoint()).isEqualTo(anchor);
    }

    @Test
    void aTruncationIsPlacedAfterTheLastAnchorThatStillHolds() {
        var chain = Chains.of(6);
        var holds = new ChainAnchor(2, chain.get(1).hash());
        var gone = new ChainAnchor(5, chain.get(4).hash());
        var truncated = chain.subList(0, 3);
        var walk = ChainWalk.against(gone);
        walk.expect(holds);

        var verdict = walk(walk, truncated, 3, chain.get(2).hash());

        assertBroken(verdict, 3, ChainBreak.CHECKPOINT_MISSING);
        assertThat(verdict.checkpoint()).isEqualTo(gone);
    }

    @Test
    void aChainRewrittenUpToTheAnchorIsCaughtAtTheAnchoredEvent() {
        var chain = Chains.of(5);
        var anchor = new ChainAnchor(4, chain.get(3).hash());
        List<AuditRecord> forged = new ArrayList<>();
        String previous = ChainHash.GENESIS;
        for (AuditRecord event : chain) {
            String note = event.id() == 2 ? "nothing happened" : event.note();
            AuditRecord copy = Chains.hashed(Chains.unhashed(event.id(), previous, note));
            forged.add(copy);
            previous = copy.hash();
        }

        assertThat(walk(forged, 5, previous).valid()).isTrue();
        var verdict = walk(ChainWalk.against(anchor), forged, 5, previous);
        assertBroken(verdict, 1, ChainBreak.CHECKPOINT_MISMATCH);
        assertThat(verdict.checkpoint()).isEqualTo(anchor);
    }

    @Test
    void aRewriteIsNarrowedToTheEventsBetweenTheLastAnchorThatHoldsAndTheFirstItContradicts() {
        var chain = Chains.of(8);
        List<AuditRecord> forged = new ArrayList<>(chain.subList(0, 3));
        String previous = chain.get(2).hash();
        for (AuditRecord event : chain.subList(3, 8)) {
            String note = event.id() == 5 ? "nothing happened" : event.note();
            AuditRecord copy = Chains.hashed(Chains.unhashed(event.id(), previous, note));
            forged.add(copy);
            previous = copy.hash();
        }
        var first = new ChainAnchor(3, chain.get(2).hash());
        var contradicted = new ChainAnchor(6, chain.get(5).hash());
        var later = new ChainAnchor(8, chain.get(7).hash());
        var walk = new ChainWalk();
        walk.expect(later);
        walk.expect(contradicted);
        walk.expect(first);

        var verdict = walk(walk, forged, 8, previous);

        assertBroken(verdict, 4, ChainBreak.CHECKPOINT_MISMATCH);
        assertThat(verdict.checkpoint()).isEqualTo(contradicted);
    }

    @Test
    void anAnchorMustBeExpectedBeforeTheWalkPassesItsEvent() {
        var chain = Chains.of(3);
        var walk = new ChainWalk();
        walk.accept(chain.get(0));
        walk.accept(chain.get(1));

        assertThatThrownBy(() -> walk.expect(new ChainAnchor(2, chain.get(1).hash())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWalkResumedAfterAKnownEventChecksOnlyWhatFollows() {
        var chain = Chains.of(5);

        var verdict = walk(
                ChainWalk.after(3, chain.get(2).hash()),
                chain.subList(3, 5),
                5,
                chain.get(4).hash());
        var wrongStart = walk(
                ChainWalk.after(3, "ab".repeat(32)),
                chain.subList(3, 5),
                5,
                chain.get(4).hash());

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.events()).isEqualTo(5);
        assertBroken(wrongStart, 4, ChainBreak.PREVIOUS_HASH_MISMATCH);
    }

    private static ChainVerification walk(List<AuditRecord> events, long headId, String headHash) {
        return walk(new ChainWalk(), events, headId, headHash);
    }

    private static ChainVerification walk(ChainWalk walk, List<AuditRecord> events, long headId, String headHash) {
        for (AuditRecord event : events) {
            if (!walk.accept(event)) {
                break;
            }
        }
        return walk.finish(headId, headHash);
    }

    private static void assertBroken(ChainVerification verdict, long id, ChainBreak reason) {
        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.firstBrokenEventId()).isEqualTo(id);
        assertThat(verdict.reason()).isEqualTo(reason);
        assertThat(verdict.events()).isEqualTo(id - 1);
    }
}
