package io.countersign.grant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory index of grants, without Spring or a database. */
class GrantIndexMemoryTests {

    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");
    private static final GrantIndex.Key KEY = new GrantIndex.Key("dev", "db", "admin");
    private static final GrantIndex.Key OTHER = new GrantIndex.Key("dev", "db", "reader");

    private final GrantIndex index = new GrantIndex();

    private static Grant grant(String id, Instant startsAt, Instant endsAt) {
        return new Grant(
                id,
                "req-" + id,
                "dev",
                "db",
                "admin",
                startsAt,
                endsAt,
                GrantStatus.ACTIVE,
                null,
                null,
                null,
                "u1",
                null,
                null);
    }

    private static Grant awaitingFirstUse(String id, Instant endsAt) {
        return new Grant(
                id,
                "req-" + id,
                "dev",
                "db",
                "admin",
                NOW.minusSeconds(60),
                endsAt,
                GrantStatus.APPROVED_UNUSED,
                null,
                null,
                null,
                "u1",
                null,
                Duration.ofHours(1));
    }

    private void load(Grant... grants) {
        index.loaded(index.generation(), List.of(grants));
    }

    private GrantIndex.Answer at(Instant now) {
        return index.lookup(KEY, now);
    }

    @Test
    void nothingIsAnsweredBeforeTheFirstLoad() {
        assertThat(at(NOW)).isInstanceOf(GrantIndex.Unknown.class);

        load();

        assertThat(at(NOW)).isInstanceOf(GrantIndex.NoneInForce.class);
    }

    @Test
    void aKeyBuiltFromACallsOwnStringsFindsTheGrantsOfItsAccessOnly() {
        Grant grant = grant("g1", NOW.minusSeconds(60), NOW.plusSeconds(3600));
        load(grant);

        GrantIndex.Key asked = new GrantIndex.Key(new String("dev"), new String("db"), new String("admin"));

        assertThat(asked).isEqualTo(KEY).hasSameHashCodeAs(KEY);
        assertThat(index.lookup(asked, NOW)).isEqualTo(new GrantIndex.InForce(grant));
        assertThat(index.lookup(new GrantIndex.Key("db", "dev", "admin"), NOW))
                .isInstanceOf(GrantIndex.NoneInForce.class);
        assertThat(index.lookup(new GrantIndex.Key("dev", "db", "admi"), NOW))
                .isInstanceOf(GrantIndex.NoneInForce.class);
    }

    @Test
    void aGrantIsInForceFromItsStartAndRefusedFromTheInstantOfItsEnd() {
        Grant grant = grant("g1", NOW, NOW.plusSeconds(3600));
        load(grant);

        assertThat(at(NOW.minusNanos(1000))).isInstanceOf(GrantIndex.NoneInForce.class);
        assertThat(at(NOW)).isEqualTo(new GrantIndex.InForce(grant));
        assertThat(at(NOW.plusSeconds(3600).minusNanos(1000))).isEqualTo(new GrantIndex.InForce(grant));
        assertThat(at(NOW.plusSeconds(3600))).isInstanceOf(GrantIndex.NoneInForce.class);
    }

    @Test
    void ofOverlappingGrantsTheOneEndingLastAnswers() {
        Grant shorter = grant("g1", NOW.minusSeconds(60), NOW.plusSeconds(60));
        Grant longer = grant("g2", NOW.minusSeconds(30), NOW.plusSeconds(600));
        load(shorter, longer);

        assertThat(at(NOW)).isEqualTo(new GrantIndex.InForce(longer));
    }

    @Test
    void aRevokedGrantIsNeverInForce() {
        Grant revoked = new Grant(
                "g1",
                "r",
                "dev",
                "db",
                "admin",
                NOW.minusSeconds(60),
                NOW.plusSeconds(60),
                GrantStatus.REVOKED,
                NOW,
                "admin",
                null,
                "u1",
                null,
                null);
        load(revoked);

        assertThat(at(NOW)).isInstanceOf(GrantIndex.NoneInForce.class);
    }

    @Test
    void aGrantAwaitingItsFirstUseIsLeftToTheDatabaseThatStartsItsClock() {
        load(awaitingFirstUse("g1", NOW.plusSeconds(600)));

        assertThat(at(NOW)).isInstanceOf(GrantIndex.Unknown.class);
    }

    @Test
    void aGrantWhoseClaimWindowJustClosedIsLeftToTheDatabaseThatMayBeStartingIt() {
        load(awaitingFirstUse("g1", NOW.plusSeconds(15)));

        assertThat(at(NOW.plusSeconds(15).plusMillis(1))).isInstanceOf(GrantIndex.Unknown.class);
    }

    @Test
    void aChangedKeyIsLeftToTheDatabaseUntilItIsReadAgainAndOtherKeysStillAnswer() {
        Grant grant = grant("g1", NOW.minusSeconds(60), NOW.plusSeconds(600));
        load(grant);

        index.changed(KEY);

        assertThat(at(NOW)).isInstanceOf(GrantIndex.Unknown.class);
        assertThat(index.lookup(OTHER, NOW)).isInstanceOf(GrantIndex.NoneInForce.class);

        GrantIndex.Stamp stamp = index.stampOf(KEY);
        index.install(KEY, stamp, List.of());

        assertThat(at(NOW)).isInstanceOf(GrantIndex.NoneInForce.class);
    }

    @Test
    void aKeyNeverSeenThatChangesIsLeftToTheDatabase() {
        load();

        index.changed(KEY);

        assertThat(at(NOW)).isInstanceOf(GrantIndex.Unknown.class);
    }

    @Test
    void aReadOvertakenByAChangeIsDiscarded() {
        load();
        index.changed(KEY);
        GrantIndex.Stamp stamp = index.stampOf(KEY);
        Grant readBeforeTheChange = grant("g1", NOW.minusSeconds(60), NOW.plusSeconds(600));

        index.changed(KEY);
        index.install(KEY, stamp, List.of(readBeforeTheChange));

        assertThat(at(NOW)).isInstanceOf(GrantIndex.Unknown.class);
    }

    @Test
    void aKeyChangedDuringTheFullLoadStaysLeftToTheDatabase() {
        long generation = index.generation();
        index.changed(KEY);

        index.loaded(generation, List.of(grant("g1", NOW.minusSeconds(60), NOW.plusSeconds(600))));

        assertThat(index.isLoaded()).isTrue();
        assertThat(at(NOW)).isInstanceOf(GrantIndex.Unknown.class);
    }

    @Test
    void clearingForgetsEverythingAndDiscardsLoadsAndReadsStartedBefore() {
        load(grant("g1", NOW.minusSeconds(60), NOW.plusSeconds(600)));
        long generation = index.generation();
        GrantIndex.Stamp stamp = index.stampOf(KEY);

        index.clear();
        index.loaded(generation, List.of(grant("g2", NOW.minusSeconds(60), NOW.plusSeconds(600))));
        index.install(KEY, stamp, List.of(grant("g3", NOW.minusSeconds(60), NOW.plusSeconds(600))));

        assertThat(index.isLoaded()).isFalse();
        assertThat(at(NOW)).isInstanceOf(GrantIndex.Unknown.class);
        load();
        assertThat(at(NOW)).isInstanceOf(GrantIndex.NoneInForce.class);
    }

    @Test
    void pruningForgetsEndedGrantsOnly() {
        Grant ended = grant("g1", NOW.minusSeconds(600), NOW.minusSeconds(60));
        Grant running = grant("g2", NOW.minusSeconds(60), NOW.plusSeconds(600));
        load(ended, running);
        index.changed(OTHER);

        index.prune(NOW);

        assertThat(at(NOW)).isEqualTo(new GrantIndex.InForce(running));
        assertThat(index.lookup(OTHER, NOW)).isInstanceOf(GrantIndex.Unknown.class);
        assertThat(index.size()).isEqualTo(2);
        index.prune(NOW.plusSeconds(600));
        assertThat(index.size()).isEqualTo(1);
        assertThat(at(NOW.plusSeconds(600))).isInstanceOf(GrantIndex.NoneInForce.class);
    }
}
