package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.TimesForPeople;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A request rejected by a step timeout before its reason was written as people read times shows that
 * reason as one written now, while the stored decision and the audit log keep what was written then.
 */
class StoredTimeoutReasonTests extends DeadlineTestBase {

    @Test
    void aReasonStoredWithARawInstantAndAStepCountedFromZeroReadsAsOneWrittenNow() {
        String id = scene.requestWhoseStepTimesOut("REJECT");
        clock.advance(Duration.ofMinutes(30));
        timers.sweep();
        Instant deadline =
                Instant.parse(scene.read(id).get("steps").get(0).get("deadline").asString());
        String stored = "step 0 timed out at " + deadline;
        jdbc.sql("update decisions set comment = ? where request_id = ?")
                .params(stored, id)
                .update();

        JsonNode decision = scene.read(id).get("decisions").get(0);

        assertThat(decision.get("comment").asString()).isEqualTo("step 1 timed out at " + TimesForPeople.at(deadline));
        assertThat(jdbc.sql("select comment from decisions where request_id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo(stored);
    }
}
