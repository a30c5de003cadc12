package io.countersign.request;

import static io.countersign.request.Organisation.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A decision through the API may name the step (from 0) it is for: anywhere else the request is,
 * it decides nothing. Without a step, an approval that arrived while one step was current is never
 * recorded on the next one.
 */
@CountersignTest
class StepBoundDecisionTests extends DevAndLisaTestBase {

    Person carol;

    String id;

    @BeforeEach
    void twoSteps() {
        carol = org.person("carol");
        // carol approves either step, lisa only the first
        id = org.pendingRequest(dev, List.of(step("Leads", 1, lisa, carol), step("Security", 1, carol)));
    }

    private Api.Response approve(Person who, Map<String, Object> body) {
        return api.as(who.token()).post("/api/v1/requests/" + id + "/approve", Api.json(body));
    }

    private JsonNode request() {
        return api.asAdmin().get("/api/v1/requests/" + id).expect(200).json();
    }

    @Test
    void anApprovalNamingTheCurrentStepIsRecordedOnIt() {
        approve(lisa, Map.of("step", 0, "comment", "ok")).expect(200);

        JsonNode request = request();
        assertThat(request.get("currentStep").asInt()).isEqualTo(1);
        assertThat(request.get("decisions").get(0).get("step").asInt()).isEqualTo(0);
    }

    @Test
    void anApprovalNamingAStepTheRequestHasLeftDecidesNothing() {
        approve(lisa, Map.of("step", 0)).expect(200);

        JsonNode refused = approve(carol, Map.of("step", 0)).expect(409).json();

        assertThat(refused.get("detail").asString())
                .contains("has moved on to step 2 since step 1")
                .contains("nothing was decided");
        JsonNode request = request();
        assertThat(request.get("status").asString()).isEqualTo("PENDING");
        assertThat(request.get("decisions")).hasSize(1);
    }

    @Test
    void aDecisionNamingAStepNotBegunOrNoneDecidesNothing() {
        assertThat(approve(carol, Map.of("step", 1))
                        .expect(409)
                        .json()
                        .get("detail")
                        .asString())
                .contains("Step 2 of request " + id + " has not begun: step 1 waits");
        assertThat(Api.issues(approve(carol, Map.of("step", 2)).expect(400))).containsExactly("step:no_such_step");
        assertThat(Api.issues(approve(carol, Map.of("step", -1)).expect(400))).containsExactly("step:no_such_step");
        api.as(carol.token())
                .post("/api/v1/requests/" + id + "/reject", Api.json(Map.of("step", 1, "comment", "no")))
                .expect(409);

        assertThat(request().get("decisions")).isEmpty();
    }

    @Test
    void aRejectionNamingTheCurrentStepEndsTheRequest() {
        api.as(carol.token())
                .post("/api/v1/requests/" + id + "/reject", Api.json(Map.of("step", 0, "comment", "no")))
                .expect(200);

        assertThat(request().get("status").asString()).isEqualTo("REJECTED");
    }

    @Test
    void anApprovalWithoutAStepDecidesTheStepCurrentWhenItArrives() {
        approve(lisa, Map.of()).expect(200);
        // carol reads the request at step 1 now: her approval, sent after, is for step 1
        approve(carol, Map.of()).expect(200);

        JsonNode request = request();
        assertThat(request.get("status").asString()).isEqualTo("APPROVED");
        assertThat(request.get("decisions").get(1).get("step").asInt()).isEqualTo(1);
    }
}
