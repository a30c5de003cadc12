package io.countersign.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Reading checkpoints and the signing key through the API: pages, refused parameters, and who may read
 * them.
 */
@CountersignTest
class AuditCheckpointApiTests extends AuditCheckpointTestBase {

    @Test
    void checkpointsArePagedNewestFirstWithACursor() {
        List<AuditCheckpoint> recorded = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            changes.publish(SampleEvent.by(Api.unique("hal")));
            recorded.add(checkpoints.record().orElseThrow());
        }

        JsonNode first = api.asAdmin()
                .get("/api/v1/audit/checkpoints?limit=2")
                .expect(200)
                .json();
        JsonNode second = api.asAdmin()
                .get("/api/v1/audit/checkpoints?limit=2&cursor="
                        + first.get("nextCursor").asString())
                .expect(200)
                .json();

        assertThat(first.get("items").get(0).get("events").asLong())
                .isEqualTo(recorded.get(2).events());
        assertThat(first.get("items").get(1).get("events").asLong())
                .isEqualTo(recorded.get(1).events());
        assertThat(second.get("items").get(0).get("events").asLong())
                .isEqualTo(recorded.get(0).events());
    }

    @Test
    void badParametersAreRefusedWithAProblemNamingEachOfThem() {
        assertThat(problemFields("/api/v1/audit/verify?events=many&headHash=xyz"))
                .containsExactlyInAnyOrder("events", "headHash");
        assertThat(problemFields("/api/v1/audit/verify?events=0&headHash=" + "g".repeat(64)))
                .containsExactlyInAnyOrder("events", "headHash");
        assertThat(problemFields("/api/v1/audit/verify?events=5")).containsExactly("headHash");
        assertThat(problemFields("/api/v1/audit/verify?headHash=" + "a".repeat(64)))
                .containsExactly("events");
        assertThat(problemFields("/api/v1/audit/checkpoints?limit=0&cursor=bm9wZQ"))
                .containsExactlyInAnyOrder("limit", "cursor");
    }

    /** A sign, a non-ASCII digit or a blank inside is refused as on every other list, not read as a number. */
    @Test
    void numbersAreDecimalDigitsOnly() {
        String hash = "a".repeat(64);
        assertThat(problemFields("/api/v1/audit?limit=%2B5")).containsExactly("limit");
        assertThat(problemFields("/api/v1/audit/checkpoints?limit=%2B5")).containsExactly("limit");
        assertThat(problemFields("/api/v1/audit/checkpoints?limit=%D9%A5")).containsExactly("limit");
        assertThat(problemFields("/api/v1/audit/verify?events=%2B132&headHash=" + hash))
                .containsExactly("events");
        assertThat(problemFields("/api/v1/audit/verify?events=1%202&headHash=" + hash))
                .containsExactly("events");
    }

    /** The code a script checks for a parameter of the wrong type, the same as on every other list. */
    @Test
    void aNumberThatIsNoneIsAnInvalidValueAsOnEveryOtherList() {
        String hash = "a".repeat(64);
        assertThat(problemCodes("/api/v1/audit?limit=ten")).containsExactly("limit: invalid_value");
        assertThat(problemCodes("/api/v1/audit/checkpoints?limit=%2B5")).containsExactly("limit: invalid_value");
        assertThat(problemCodes("/api/v1/audit/verify?events=many&headHash=" + hash))
                .containsExactly("events: invalid_value");
    }

    @Test
    void auditorsAndAdministratorsReadCheckpointsAndTheKeyAndNobodyElseDoes() {
        String auditor = api.tokenHolder("reader", "AUDITOR");
        String user = api.tokenHolder("reader", "USER");
        String enforcer = api.tokenHolder("reader", "ENFORCER");

        for (String path : List.of("/api/v1/audit/checkpoints", "/api/v1/audit/checkpoints/key")) {
            api.as(auditor).get(path).expect(200);
            api.asAdmin().get(path).expect(200);
            assertThat(api.as(user).get(path).status()).isEqualTo(403);
            assertThat(api.as(enforcer).get(path).status()).isEqualTo(403);
            assertThat(api.anonymous().get(path).status()).isEqualTo(401);
        }
    }

    private Set<String> problemCodes(String path) {
        var response = api.asAdmin().get(path);
        assertThat(response.status()).as(path).isEqualTo(400);
        Set<String> codes = new HashSet<>();
        response.json()
                .get("errors")
                .forEach(error -> codes.add(
                        error.get("field").asString() + ": " + error.get("code").asString()));
        return codes;
    }

    private Set<String> problemFields(String path) {
        var response = api.asAdmin().get(path);
        assertThat(response.status()).as(path).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        Set<String> fields = new HashSet<>();
        response.json()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }
}
