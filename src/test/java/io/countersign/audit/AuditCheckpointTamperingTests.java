package io.countersign.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * What checkpoints reveal that the chain alone cannot: the newest events deleted with the head moved
 * back, or a consistent rewrite. Each attack is put back afterwards.
 */
@CountersignTest
@ExtendWith(OutputCaptureExtension.class)
class AuditCheckpointTamperingTests extends AuditCheckpointTestBase {

    @Autowired
    MeterRegistry meters;

    @Test
    void deletingTheNewestEventsAndRewindingTheHeadIsDetectedAgainstTheStoredCheckpoint() {
        AuditCheckpoint holds = checkpoints.record().orElseThrow();
        changes.publish(SampleEvent.by(Api.unique("dora")), SampleEvent.by(Api.unique("dora")));
        changes.publish(SampleEvent.by(Api.unique("dora")), SampleEvent.by(Api.unique("dora")));
        AuditCheckpoint kept = checkpoints.record().orElseThrow();
        long keptUntil = kept.events() - 2;

        for (long id = kept.events(); id > keptUntil; id--) {
            tables.delete(id);
        }
        tables.setHead(keptUntil, tables.event(keptUntil).hash());

        for (String query : List.of("", "?events=" + kept.events() + "&headHash=" + kept.headHash())) {
            JsonNode verdict = verify(query);
            assertThat(verdict.get("valid").asBoolean()).isFalse();
            assertThat(verdict.get("reason").asString()).isEqualTo("checkpoint_missing");
            assertThat(verdict.get("firstBrokenEventId").asLong()).isEqualTo(holds.events() + 1);
            assertThat(verdict.get("events").asLong()).isEqualTo(holds.events());
            assertThat(verdict.get("checkpoint").get("events").asLong()).isEqualTo(kept.events());
            assertThat(verdict.get("checkpoint").get("headHash").asString()).isEqualTo(kept.headHash());
        }
    }

    @Test
    void theServiceRefusesToSignAHeadThatWasMovedBackBehindItsLastCheckpoint(CapturedOutput output) {
        AuditCheckpoint kept = checkpoints.record().orElseThrow();
        tables.delete(kept.events());
        tables.setHead(kept.events() - 1, tables.event(kept.events() - 1).hash());
        changes.publish(SampleEvent.by(Api.unique("edna")), SampleEvent.by(Api.unique("edna")));
        double refusedBefore = refused();

        assertThat(checkpoints.record()).isEmpty();
        assertThat(checkpoints.list(null, "1").items()).containsExactly(kept);
        assertThat(refused()).isEqualTo(refusedBefore + 1);
        assertThat(output.getOut())
                .contains("no longer contains the checkpoint " + kept.events() + "/" + kept.headHash()
                        + " (checkpoint_mismatch)");
    }

    @Test
    void aConsistentRewriteIsDetectedAtTheEarliestCheckpointItContradicts(CapturedOutput output) {
        AuditCheckpoint holds = checkpoints.record().orElseThrow();
        changes.publish(SampleEvent.by(Api.unique("fay")), SampleEvent.by(Api.unique("fay")));
        AuditCheckpoint contradicted = checkpoints.record().orElseThrow();
        changes.publish(SampleEvent.by(Api.unique("fay")));
        AuditCheckpoint newest = checkpoints.record().orElseThrow();

        String forgedHead = rewriteFrom(holds.events() + 1, "nothing happened");

        JsonNode plain = verify("");
        assertThat(plain.get("valid").asBoolean()).isFalse();
        assertThat(plain.get("reason").asString()).isEqualTo("checkpoint_mismatch");
        assertThat(plain.get("events").asLong()).isEqualTo(holds.events());
        assertThat(plain.get("firstBrokenEventId").asLong()).isEqualTo(holds.events() + 1);
        assertThat(plain.get("checkpoint").get("events").asLong()).isEqualTo(contradicted.events());
        assertThat(plain.get("checkpoint").get("headHash").asString()).isEqualTo(contradicted.headHash());
        assertThat(plain.get("headHash").asString()).isEqualTo(forgedHead);
        JsonNode against = verify("?events=" + newest.events() + "&headHash=" + newest.headHash());
        assertThat(against.get("checkpoint").get("events").asLong())
                .as("the earliest contradicted checkpoint, not the one asked about")
                .isEqualTo(contradicted.events());
        double refusedBefore = refused();
        assertThat(checkpoints.record()).as("never signs a rewritten head").isEmpty();
        assertThat(refused()).isEqualTo(refusedBefore + 1);
        assertThat(output.getOut())
                .contains("no longer contains the checkpoint " + contradicted.events() + "/" + contradicted.headHash()
                        + " (checkpoint_mismatch)")
                .contains("events from " + (holds.events() + 1) + " on");
    }

    @Test
    void aRewriteAfterTheNewestCheckpointStillPassesUntilTheNextOne() {
        AuditCheckpoint newest = checkpoints.record().orElseThrow();
        changes.publish(SampleEvent.by(Api.unique("hal")), SampleEvent.by(Api.unique("hal")));

        rewriteFrom(newest.events() + 1, "nothing happened");

        JsonNode plain = verify("");
        assertThat(plain.get("valid").asBoolean())
                .as("only events after the newest checkpoint are exposed")
                .isTrue();
        assertThat(plain.has("checkpoint")).isFalse();
    }

    @Test
    void anUntouchedChainVerifiesAgainstEveryCheckpoint() {
        AuditCheckpoint older = checkpoints.record().orElseThrow();
        changes.publish(SampleEvent.by(Api.unique("gil")));
        AuditCheckpoint newer = checkpoints.record().orElseThrow();

        for (AuditCheckpoint checkpoint : List.of(older, newer)) {
            JsonNode verdict = verify("?events=" + checkpoint.events() + "&headHash="
                    + checkpoint.headHash().toUpperCase());
            assertThat(verdict.get("valid").asBoolean()).isTrue();
            assertThat(verdict.get("events").asLong()).isEqualTo(tables.head().lastId());
        }
        JsonNode plain = verify("");
        assertThat(plain.get("valid").asBoolean()).isTrue();
        assertThat(plain.has("checkpoint")).isFalse();
        assertThat(newer.events()).isGreaterThan(older.events());
    }

    /**
     * Changes the note of event {@code from} and rehashes it and every event after it, and the head,
     * as a writer to the database can; returns the forged head hash.
     */
    private String rewriteFrom(long from, String note) {
        long headId = tables.head().lastId();
        String previous = tables.event(from - 1).hash();
        List<AuditRecord> forged = new ArrayList<>();
        for (long id = from; id <= headId; id++) {
            AuditRecord event = tables.event(id);
            AuditRecord copy = RecordBuilder.from(event)
                    .note(id == from ? note : event.note())
                    .previousHash(previous)
                    .hashed();
            forged.add(copy);
            previous = copy.hash();
        }
        for (AuditRecord copy : forged) {
            tables.delete(copy.id());
            tables.insert(copy);
        }
        tables.setHead(headId, previous);
        return previous;
    }

    private double refused() {
        return meters.get("countersign.audit.checkpoints.refused").counter().count();
    }

    private JsonNode verify(String query) {
        return api.asAdmin().get("/api/v1/audit/verify" + query).expect(200).json();
    }
}
