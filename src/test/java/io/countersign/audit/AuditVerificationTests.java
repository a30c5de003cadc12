package io.countersign.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.Timestamps;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Verification against an intruder who edits the tables directly. Each test damages the chain and
 * puts it back afterwards; the small batch size makes every walk cross batch boundaries.
 */
@CountersignTest
@Import(AuditFixtures.class)
@TestPropertySource(properties = "countersign.audit.verify-batch-size=4")
class AuditVerificationTests {

    @Autowired
    Api api;

    @Autowired
    AuditLog auditLog;

    @Autowired
    AuditedChanges changes;

    @Autowired
    AuditTables tables;

    private AuditTables.Snapshot untouched;
    private List<Long> ids;

    @BeforeEach
    void sixMoreEventsAreWrittenOneTransactionEach() {
        String user = Api.unique("pat");
        changes.publish(SampleEvent.by(user).forRequest("req-abcdefgh", null));
        for (int i = 0; i < 5; i++) {
            changes.publish(SampleEvent.by(user)
                    .withAction("sample.step" + i)
                    .because("failover " + i, "INC-" + i, "looks fine " + i, "done " + i));
        }
        untouched = tables.snapshot();
        long last = untouched.head().lastId();
        ids = List.of(last - 5, last - 4, last - 3, last - 2, last - 1, last);
    }

    @AfterEach
    void theChainIsPutBackAsItWas() {
        tables.restore(untouched);
        assertThat(auditLog.verify().valid()).isTrue();
    }

    @Test
    void anUntouchedChainIsValidAndCountsEveryEvent() {
        var verdict = auditLog.verify();

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.events()).isEqualTo(untouched.head().lastId()).isEqualTo(tables.count());
        assertThat(verdict.events()).isGreaterThan(8);
        assertThat(verdict.firstBrokenEventId()).isNull();
        assertThat(verdict.headHash()).isEqualTo(untouched.head().lastHash());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "actor",
                "actor_role",
                "channel",
                "source_address",
                "action",
                "target",
                "request_id",
                "grant_id",
                "note",
                "justification",
                "ticket",
                "comment",
                "reason",
                "hash"
            })
    void changingAnyColumnOfAnEventIsDetectedAtThatEvent(String column) {
        long id = ids.get(2);
        AuditRecord event = tables.event(id);

        tables.setText(id, column, changed(valueOf(event, column)));

        assertBroken(id, ChainBreak.HASH_MISMATCH);
    }

    @Test
    void eventsAreWrittenWithTheSecondEncodingAndKeepWhatTheySayWhy() {
        AuditRecord event = tables.event(ids.get(3));

        assertThat(event.hashVersion()).isEqualTo(ChainHash.CURRENT_VERSION);
        assertThat(event)
                .extracting(AuditRecord::justification, AuditRecord::ticket, AuditRecord::comment, AuditRecord::reason)
                .containsExactly("failover 2", "INC-2", "looks fine 2", "done 2");
    }

    @Test
    void relabellingAnEventWithTheFirstEncodingIsDetectedAtThatEvent() {
        long id = ids.get(2);

        tables.setHashVersion(id, 1);

        assertBroken(id, ChainBreak.HASH_MISMATCH);
    }

    @Test
    void anEventOfTheFirstEncodingStillVerifiesButAReasonAddedToItIsDetected() {
        AuditRecord last = tables.event(ids.get(5));
        AuditRecord old = RecordBuilder.from(Chains.unhashed(last.id() + 1, last.hash(), "written before the upgrade"))
                .hashVersion(1)
                .hashed();
        tables.insert(old);
        tables.setHead(old.id(), old.hash());
        assertThat(auditLog.verify().valid()).isTrue();

        tables.setText(old.id(), "reason", "approved by the CISO");

        assertBroken(old.id(), ChainBreak.HASH_MISMATCH);
    }

    @Test
    void changingTheLinkOfAnEventIsDetectedAtThatEvent() {
        long id = ids.get(2);

        tables.setText(id, "previous_hash", flipped(tables.event(id).previousHash()));

        assertBroken(id, ChainBreak.PREVIOUS_HASH_MISMATCH);
    }

    @Test
    void aMissingValueReplacedByAnEmptyOneIsDetected() {
        long id = ids.get(1);
        assertThat(tables.event(id).grantId()).isNull();

        tables.setText(id, "grant_id", "");

        assertBroken(id, ChainBreak.HASH_MISMATCH);
    }

    @Test
    void movingTheTimeOfAnEventByOneMicrosecondIsDetected() {
        long id = ids.get(3);
        var at = tables.event(id).occurredAt();

        tables.setOccurredAt(id, Timestamps.toDb(at.plusNanos(1000)));

        assertBroken(id, ChainBreak.HASH_MISMATCH);
    }

    @Test
    void aDeletedEventInTheMiddleIsDetectedAtItsId() {
        long id = ids.get(2);

        tables.delete(id);

        assertBroken(id, ChainBreak.MISSING_EVENT);
    }

    @Test
    void aDeletedLastEventIsDetectedAtItsId() {
        long last = ids.get(5);

        tables.delete(last);

        assertBroken(last, ChainBreak.MISSING_EVENT);
    }

    @Test
    void theFirstEventDeletedIsDetectedAtIdOne() {
        tables.delete(1);

        assertBroken(1, ChainBreak.MISSING_EVENT);
    }

    @Test
    void anEventRenumberedAwayIsDetectedAtTheIdItLeft() {
        long id = ids.get(1);

        tables.setId(id, ids.get(5) + 100);

        assertBroken(id, ChainBreak.MISSING_EVENT);
    }

    @Test
    void twoEventsWithSwappedContentsAreDetectedAtTheFirstOfThem() {
        tables.swapContents(ids.get(2), ids.get(3));

        assertBroken(ids.get(2), ChainBreak.PREVIOUS_HASH_MISMATCH);
    }

    @Test
    void anEventAddedBeyondTheHeadIsDetected() {
        AuditRecord last = tables.event(ids.get(5));
        tables.insert(Chains.hashed(Chains.unhashed(last.id() + 1, last.hash(), "slipped in")));

        assertBroken(last.id() + 1, ChainBreak.EVENT_BEYOND_HEAD);
    }

    @Test
    void aHeadThatNoLongerRecordsTheLastEventsHashIsDetected() {
        tables.setHead(untouched.head().lastId(), flipped(untouched.head().lastHash()));

        assertBroken(untouched.head().lastId(), ChainBreak.HEAD_MISMATCH);
    }

    @Test
    void anEditedEventRehashedInPlaceIsDetectedAtItsSuccessor() {
        long id = ids.get(2);
        AuditRecord event = tables.event(id);
        tables.delete(id);
        tables.insert(Chains.hashed(withNote(event, "nothing happened")));

        assertBroken(ids.get(3), ChainBreak.PREVIOUS_HASH_MISMATCH);
    }

    @Test
    void aRewriteOfEverythingAfterAnEventPassesVerificationButChangesTheHeadHash() {
        // What the chain alone cannot catch: only a head hash kept outside the database reveals it.
        String previous = tables.event(ids.get(1) - 1).hash();
        List<AuditRecord> rewritten = new ArrayList<>();
        for (long id : ids.subList(1, 6)) {
            AuditRecord event = tables.event(id);
            String note = id == ids.get(1) ? "nothing happened" : event.note();
            AuditRecord forged = Chains.hashed(withLink(withNote(event, note), previous));
            rewritten.add(forged);
            previous = forged.hash();
        }
        for (AuditRecord forged : rewritten) {
            tables.delete(forged.id());
            tables.insert(forged);
        }
        tables.setHead(ids.get(5), previous);

        var verdict = auditLog.verify();

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.headHash()).isNotEqualTo(untouched.head().lastHash());
    }

    @Test
    void theVerifyEndpointNamesTheFirstBrokenEventAndWhy() {
        tables.setText(ids.get(4), "note", "edited");

        var answer = api.asAdmin().get("/api/v1/audit/verify").expect(200).json();

        assertThat(answer.get("valid").asBoolean()).isFalse();
        assertThat(answer.get("events").asLong()).isEqualTo(ids.get(4) - 1);
        assertThat(answer.get("firstBrokenEventId").asLong()).isEqualTo(ids.get(4));
        assertThat(answer.get("reason").asString()).isEqualTo("hash_mismatch");
        assertThat(answer.get("headHash").asString()).isEqualTo(untouched.head().lastHash());
    }

    private void assertBroken(long id, ChainBreak reason) {
        var verdict = auditLog.verify();

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.firstBrokenEventId()).isEqualTo(id);
        assertThat(verdict.reason()).isEqualTo(reason);
        assertThat(verdict.events()).isEqualTo(id - 1);
    }

    private static String valueOf(AuditRecord event, String column) {
        return switch (column) {
            case "actor" -> event.actor();
            case "actor_role" -> event.actorRole();
            case "channel" -> event.channel();
            case "source_address" -> event.sourceAddress();
            case "action" -> event.action();
            case "target" -> event.target();
            case "request_id" -> event.requestId();
            case "grant_id" -> event.grantId();
            case "note" -> event.note();
            case "justification" -> event.justification();
            case "ticket" -> event.ticket();
            case "comment" -> event.comment();
            case "reason" -> event.reason();
            case "hash" -> event.hash();
            default -> throw new IllegalArgumentException(column);
        };
    }

    /** A different value that still fits the column: empty for null, one character changed otherwise. */
    private static String changed(String value) {
        if (value == null) {
            return "";
        }
        return value.isEmpty() ? "x" : flipped(value);
    }

    private static String flipped(String value) {
        char last = value.charAt(value.length() - 1);
        return value.substring(0, value.length() - 1) + (last == '0' ? '1' : '0');
    }

    private static AuditRecord withNote(AuditRecord e, String note) {
        return RecordBuilder.from(e).note(note).hash(null).build();
    }

    private static AuditRecord withLink(AuditRecord e, String previousHash) {
        return RecordBuilder.from(e).previousHash(previousHash).hash(null).build();
    }
}
