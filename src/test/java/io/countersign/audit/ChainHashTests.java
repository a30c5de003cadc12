package io.countersign.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ChainHashTests {

    private static final AuditRecord EVENT = new AuditRecord(
            7,
            Instant.parse("2025-03-01T08:00:00.123456Z"),
            "alice",
            "ADMIN",
            "API",
            "10.0.0.7",
            "user.created",
            "user:bob",
            "req-abcdefgh",
            "grt-abcdefgh",
            "role USER",
            "ab".repeat(32),
            null);

    @Test
    void theEncodingIsStableAcrossReleases() {
        // Computed independently from the encoding described in docs/adr/0003; a changed value here
        // means every stored hash would stop verifying.
        assertThat(ChainHash.of(EVENT)).isEqualTo("1be605a26a1afe605f10f8ba6f007fb9bdaa35d13b1294a0e7cb7294ef01d28a");
    }

    @Test
    void theHashIsLowerCaseHexOfSha256() {
        assertThat(ChainHash.of(EVENT)).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void theStoredHashItselfIsNotPartOfTheHash() {
        assertThat(ChainHash.of(EVENT.withHash("ff".repeat(32)))).isEqualTo(ChainHash.of(EVENT));
    }

    @Test
    void changingAnyColumnChangesTheHash() {
        List<UnaryOperator<AuditRecord>> changes = List.of(
                e -> copy(e, 8, e.occurredAt(), e.actor(), e.note(), e.previousHash()),
                e -> copy(e, e.id(), e.occurredAt().plusNanos(1000), e.actor(), e.note(), e.previousHash()),
                e -> copy(e, e.id(), e.occurredAt(), "alicf", e.note(), e.previousHash()),
                e -> copy(e, e.id(), e.occurredAt(), e.actor(), "role ADMIN", e.previousHash()),
                e -> copy(e, e.id(), e.occurredAt(), e.actor(), e.note(), "ac".repeat(32)),
                e -> with(e, "AUDITOR", e.channel(), e.sourceAddress(), e.action(), e.target(), e.requestId()),
                e -> with(e, e.actorRole(), "WEB", e.sourceAddress(), e.action(), e.target(), e.requestId()),
                e -> with(e, e.actorRole(), e.channel(), "10.0.0.8", e.action(), e.target(), e.requestId()),
                e -> with(e, e.actorRole(), e.channel(), e.sourceAddress(), "user.deleted", e.target(), e.requestId()),
                e -> with(e, e.actorRole(), e.channel(), e.sourceAddress(), e.action(), "user:eve", e.requestId()),
                e -> with(e, e.actorRole(), e.channel(), e.sourceAddress(), e.action(), e.target(), "req-x"),
                e -> new AuditRecord(
                        e.id(),
                        e.occurredAt(),
                        e.actor(),
                        e.actorRole(),
                        e.channel(),
                        e.sourceAddress(),
                        e.action(),
                        e.target(),
                        e.requestId(),
                        "grt-x",
                        e.note(),
                        e.previousHash(),
                        null));
        String original = ChainHash.of(EVENT);

        for (UnaryOperator<AuditRecord> change : changes) {
            assertThat(ChainHash.of(change.apply(EVENT))).isNotEqualTo(original);
        }
    }

    @Test
    void aNanosecondOfDifferenceInTheTimeChangesTheHash() {
        var later = copy(
                EVENT, EVENT.id(), EVENT.occurredAt().plusNanos(1), EVENT.actor(), EVENT.note(), EVENT.previousHash());

        assertThat(ChainHash.of(later)).isNotEqualTo(ChainHash.of(EVENT));
    }

    @Test
    void aMissingValueIsDistinctFromAnEmptyOne() {
        var absent = copy(EVENT, EVENT.id(), EVENT.occurredAt(), EVENT.actor(), null, EVENT.previousHash());
        var empty = copy(EVENT, EVENT.id(), EVENT.occurredAt(), EVENT.actor(), "", EVENT.previousHash());

        assertThat(ChainHash.of(absent)).isNotEqualTo(ChainHash.of(empty));
    }

    @Test
    void textMovedFromOneColumnToTheNextChangesTheHash() {
        var split = with(EVENT, EVENT.actorRole(), EVENT.channel(), EVENT.sourceAddress(), "ab", "c", null);
        var moved = with(EVENT, EVENT.actorRole(), EVENT.channel(), EVENT.sourceAddress(), "a", "bc", null);
        var intoNull = with(EVENT, EVENT.actorRole(), EVENT.channel(), EVENT.sourceAddress(), "a", null, "bc");

        assertThat(ChainHash.of(split)).isNotEqualTo(ChainHash.of(moved));
        assertThat(ChainHash.of(moved)).isNotEqualTo(ChainHash.of(intoNull));
    }

    @Test
    void aRecordMatchesOnlyTheHashOfItsOwnContents() {
        var hashed = EVENT.withHash(ChainHash.of(EVENT));

        assertThat(ChainHash.matches(hashed)).isTrue();
        assertThat(ChainHash.matches(EVENT)).isFalse();
        assertThat(ChainHash.matches(
                        copy(hashed, 8, hashed.occurredAt(), "alice", hashed.note(), hashed.previousHash())))
                .isFalse();
    }

    private static AuditRecord copy(
            AuditRecord e, long id, Instant occurredAt, String actor, String note, String previousHash) {
        return new AuditRecord(
                id,
                occurredAt,
                actor,
                e.actorRole(),
                e.channel(),
                e.sourceAddress(),
                e.action(),
                e.target(),
                e.requestId(),
                e.grantId(),
                note,
                previousHash,
                e.hash());
    }

    private static AuditRecord with(
            AuditRecord e,
            String role,
            String channel,
            String sourceAddress,
            String action,
            String target,
            String requestId) {
        return new AuditRecord(
                e.id(),
                e.occurredAt(),
                e.actor(),
                role,
                channel,
                sourceAddress,
                action,
                target,
                requestId,
                e.grantId(),
                e.note(),
                e.previousHash(),
                e.hash());
    }
}
