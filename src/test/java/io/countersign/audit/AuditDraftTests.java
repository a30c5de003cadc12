package io.countersign.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditDraftTests {

    @Test
    void everyFieldOfTheEventAndItsActorIsKept() {
        var event = new SampleEvent(
                new Actor("carol", Role.AUDITOR, Channel.EMAIL, "2001:db8::1"),
                "request.approved",
                "request:req-abcdefgh",
                "looks fine",
                "req-abcdefgh",
                "grt-abcdefgh");

        assertThat(AuditDraft.of(event))
                .isEqualTo(new AuditDraft(
                        "carol",
                        "AUDITOR",
                        "EMAIL",
                        "2001:db8::1",
                        "request.approved",
                        "request:req-abcdefgh",
                        "req-abcdefgh",
                        "grt-abcdefgh",
                        "looks fine",
                        null,
                        null,
                        null,
                        null));
    }

    @Test
    void theNextEventFollowsTheHeadAndCarriesItsOwnHash() {
        var at = Instant.parse("2025-03-01T08:00:00.123456Z");

        AuditRecord next = AuditDraft.of(SampleEvent.by("dave")).after(41, "ab".repeat(32), at);

        assertThat(next.id()).isEqualTo(42);
        assertThat(next.previousHash()).isEqualTo("ab".repeat(32));
        assertThat(next.occurredAt()).isEqualTo(at);
        assertThat(next.hash()).isEqualTo(ChainHash.of(next));
    }

    @Test
    void aNoteThatFitsIsKeptAsItIs() {
        String exactly = "n".repeat(AuditDraft.TEXT_MAX_LENGTH);

        assertThat(AuditDraft.fitText(exactly)).isEqualTo(exactly);
        assertThat(AuditDraft.fitText(null)).isNull();
        assertThat(AuditDraft.fitText("")).isEmpty();
    }

    @Test
    void anOverlongNoteIsCutToTheColumnSizeAndEndsWithAnEllipsis() {
        String note = "x".repeat(5000);

        String fitted = AuditDraft.fitText(note);

        assertThat(fitted).hasSize(AuditDraft.TEXT_MAX_LENGTH).endsWith("\u2026");
        assertThat(fitted).startsWith("x".repeat(3999));
        assertThat(AuditDraft.fitText(note)).isEqualTo(fitted);
    }

    @Test
    void cuttingANoteNeverSplitsACharacterOutsideTheBasicPlane() {
        String note = "x".repeat(3998) + "\uD83D\uDE00" + "tail";

        String fitted = AuditDraft.fitText(note);

        assertThat(fitted).isEqualTo("x".repeat(3998) + "\u2026");
        assertThat(fitted.chars().noneMatch(c -> Character.isSurrogate((char) c)))
                .isTrue();
    }

    @Test
    void aNulCharacterWhichPostgresCannotStoreIsReplaced() {
        assertThat(AuditDraft.fitText("a\u0000b")).isEqualTo("a\uFFFDb");
    }

    @Test
    void theNoteIsFittedBeforeTheDraftIsHashed() {
        var event = SampleEvent.by("erin").withNote("y".repeat(4500));

        AuditRecord stored = AuditDraft.of(event).after(0, ChainHash.GENESIS, Instant.EPOCH);

        assertThat(stored.note()).hasSize(AuditDraft.TEXT_MAX_LENGTH);
        assertThat(ChainHash.matches(stored)).isTrue();
    }

    @Test
    void anIdentifierTooLongForItsColumnIsRefusedByName() {
        var event = SampleEvent.by("frank").withTarget("t".repeat(301));

        assertThatThrownBy(() -> AuditDraft.of(event))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SampleEvent")
                .hasMessageContaining("target longer than 300");
    }

    @Test
    void anEventWithoutActionIsRefused() {
        assertThatThrownBy(() -> AuditDraft.of(SampleEvent.by("gina").withAction(" ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no action");
    }
}
