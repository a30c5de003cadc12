package io.countersign.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * What checkpoints reveal that the chain alone cannot: the newest events deleted with the head moved
 * back, or a consistent rewrite. Each attack is put back afterwards.
 */
@CountersignTest
class AuditCheckpointTamperingTests extends AuditCheckpointTestBase {

    @Autowired
    MeterRegistry meters;

    @Test
    void deletingTheNewestEventsAndRewindingTheHeadIsDetectedAgainstTheCheckpoint() {
        changes.publish(SampleEvent.by(Api.unique("dora")), SampleEvent.by(Api.unique("dora")));
        changes.publish(SampleEvent.by(Api.unique("dora")));
        AuditCheckpoint kept = checkpoints.record().orElseThrow();
        long keptUntil = kept.events() - 3;

        for (long id = kept.events(); id > keptUntil; id--) {
            tables.delete(id);
        }
        tables.setHead(keptUntil, tables.event(keptUntil).hash());

        JsonNode alone = verify("");
        assertThat(alone.get("valid").asBoolean())
                .as("the chain alone cannot tell")
                .isTrue();
        JsonNode against = verify("?events=" + kept.events() + "&headHash=" + kept.headHash());
        assertThat(against.get("valid").asBoolean()).isFalse();
        assertThat(against.get("reason").asString()).isEqualTo("checkpoint_missing");
        assertThat(against.get("firstBrokenEventId").asLong()).isEqualTo(keptUntil + 1);
        assertThat(against.get("events").asLong()).isEqualTo(keptUntil);
    }

    @Test
    void theServiceRefusesToSignAHeadThatWasMovedBackBehindItsLastCheckpoint() {
        AuditCheckpoint kept = checkpoints.record().orElseThrow();
        tables.delete(kept.events());
        tables.setHead(kept.events() - 1, tables.event(kept.events() - 1).hash());
        changes.publish(SampleEvent.by(Api.unique("edna")), SampleEvent.by(Api.unique("edna")));
        double refusedBefore = refused();

        assertThat(checkpoints.record()).isEmpty();
        assertThat(checkpoints.list(null, "1").items()).containsExactly(kept);
        assertThat(refused()).isEqualTo(refusedBefore + 1);
    }

    @Test
    void aConsistentRewriteUpToTheCheckpointIsDetectedAtTheCheckpointedEvent() {
        changes.publish(SampleEvent.by(Api.unique("fay")), SampleEvent.by(Api.unique("fay")));
        AuditCheckpoint kept = checkpoints.record().orElseThrow();
        long from = kept.events() - 1;
        String previous = tables.event(from - 1).hash();
        List<AuditRecord> forged = new ArrayList<>();
        for (long id = from; id <= kept.events(); id++) {
            AuditRecord event = tables.event(id);
            String note = id == from ? "nothing happened" : event.note();
            AuditRecord copy =
                    RecordBuilder.from(event).note(note).previousHash(previous).hashed();
            forged.add(copy);
            previous = copy.hash();
        }
        for (AuditRecord copy : forged) {
            tables.delete(copy.id());
            tables.insert(copy);
        }
        tables.setHead(kept.events(), previous);

        assertThat(verify("").get("valid").asBoolean())
                .as("the chain alone cannot tell")
                .isTrue();
        JsonNode against = verify("?events=" + kept.events() + "&headHash=" + kept.headHash());
        assertThat(against.get("valid").asBoolean()).isFalse();
        assertThat(against.get("reason").asString()).isEqualTo("checkpoint_mismatch");
        assertThat(against.get("firstBrokenEventId").asLong()).isEqualTo(kept.events());
        assertThat(checkpoints.record()).as("never signs a rewritten head").isEmpty();
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
        assertThat(newer.events()).isGreaterThan(older.events());
    }

    private double refused() {
        return meters.get("countersign.audit.checkpoints.refused").counter().count();
    }

    private JsonNode verify(String query) {
        return api.asAdmin().get("/api/v1/audit/verify" + query).expect(200).json();
    }
}
