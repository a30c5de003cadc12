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
            null,
            null,
            null,
            null,
            1,
            "ab".repeat(32),
            null);

    @Test
    void theEncodingIsStableAcrossReleases() {
        // Computed independently from the encoding described in docs/adr/0003; a changed value here
        // means every stored hash would stop verifying.
        assertThat(ChainHash.of(EVENT)).isEqualTo("1be605a26a1afe605f10f8ba6f007fb9bdaa35d13b1294a0e7cb7294ef01d28a");
    }

    /** The same event as a version 2 row, saying why. */
    private static final AuditRecord WITH_REASONS = RecordBuilder.from(EVENT)
            .justification("INC-1 failover")
            .ticket("INC-1")
            .comment("looks fine")
            .reason("left the team")
            .hashVersion(2)
            .build();

    @Test
    void theSecondEncodingIsStableAcrossReleases() {
        // Computed independently from the encoding described in docs/adr/0003.
        assertThat(ChainHash.of(WITH_REASONS))
                .isEqualTo("ddefcfdd74a2d89fe0b247de3c488f72b957029fb51b338ec50d9165a52ffce4");
        assertThat(ChainHash.of(RecordBuilder.from(EVENT).hashVersion(2).build()))
                .isEqualTo("1b48c1f961b64bfb8b816ae1ea228276538fa2a4416a7acd1d9d6a96a740d450");
    }

    @Test
    void newEventsAreHashedWithTheSecondEncoding() {
        assertThat(ChainHash.CURRENT_VERSION).isEqualTo(2);
    }

    @Test
    void changingTheJustificationTicketCommentOrReasonChangesTheHash() {
        String original = ChainHash.of(WITH_REASONS);
        List<UnaryOperator<RecordBuilder>> changes = List.of(
                b -> b.justification("INC-2 failover"),
                b -> b.ticket(null),
                b -> b.comment(""),
                b -> b.reason("left the teams"));

        for (UnaryOperator<RecordBuilder> change : changes) {
            assertThat(ChainHash.of(
                            change.apply(RecordBuilder.from(WITH_REASONS)).build()))
                    .isNotEqualTo(original);
        }
    }

    @Test
    void aRowRelabelledWithTheOtherVersionNoLongerMatches() {
        var v2 = RecordBuilder.from(EVENT).hashVersion(2).hashed();
        var v1 = EVENT.withHash(ChainHash.of(EVENT));

        assertThat(ChainHash.matches(v2)).isTrue();
        assertThat(ChainHash.matches(RecordBuilder.from(v2).hashVersion(1).build()))
                .isFalse();
        assertThat(ChainHash.matches(RecordBuilder.from(v1).hashVersion(2).build()))
                .isFalse();
    }

    @Test
    void aFirstVersionRowWithAReasonAddedLaterDoesNotMatch() {
        // Version 1 does not cover the column, so a value there cannot have been written with the row.
        var v1 = EVENT.withHash(ChainHash.of(EVENT));

        assertThat(ChainHash.matches(v1)).isTrue();
        assertThat(ChainHash.matches(RecordBuilder.from(v1)
                        .justification("approved by the CISO")
                        .build()))
                .isFalse();
        assertThat(ChainHash.matches(RecordBuilder.from(v1).reason("").build())).isFalse();
    }

    @Test
    void aRowOfAnUnknownVersionDoesNotMatch() {
        var unknown =
                RecordBuilder.from(EVENT).hashVersion(3).hash("ab".repeat(32)).build();

        assertThat(ChainHash.matches(unknown)).isFalse();
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
                e -> RecordBuilder.from(e).grantId("grt-x").build());
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
        return RecordBuilder.from(e)
                .id(id)
                .occurredAt(occurredAt)
                .actor(actor)
                .note(note)
                .previousHash(previousHash)
                .build();
    }

    private static AuditRecord with(
            AuditRecord e,
            String role,
            String channel,
            String sourceAddress,
            String action,
            String target,
            String requestId) {
        return RecordBuilder.from(e)
                .actorRole(role)
                .channel(channel)
                .sourceAddress(sourceAddress)
                .action(action)
                .target(target)
                .requestId(requestId)
                .build();
    }
}
