package io.countersign.request;

import static io.countersign.request.Organisation.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A delegate decides on behalf of the delegator, for the resources the delegation covers, and the
 * request, explain and the audit say so.
 */
@CountersignTest
class DelegatedApprovalTests extends DelegationTestBase {

    @Test
    void aDelegateApprovesOnBehalfOfTheDelegatorAndTheRequestAndAuditSaySo() {
        JsonNode created = delegate(lisa, sam, Map.of()).expect(201).json();
        assertThat(created.get("id").asString()).startsWith("dlg-");
        assertThat(created.get("delegator").asString()).isEqualTo(lisa.name());
        String id = request();

        assertThat(awaiting(sam)).contains(id);
        JsonNode approved = api.as(sam.token())
                .post("/api/v1/requests/" + id + "/approve", "{\"comment\":\"covering\"}")
                .expect(200)
                .json();

        assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
        JsonNode decision = approved.get("decisions").get(0);
        assertThat(decision.get("approver").asString()).isEqualTo(sam.name());
        assertThat(decision.get("onBehalfOf").asString()).isEqualTo(lisa.name());
        JsonNode read =
                api.as(dev.token()).get("/api/v1/requests/" + id).expect(200).json();
        assertThat(read.get("decisions").get(0).get("onBehalfOf").asString()).isEqualTo(lisa.name());
        JsonNode recorded = audit(id, "request.approval_recorded").get(0);
        assertThat(recorded.get("actor").asString()).isEqualTo(sam.name());
        assertThat(recorded.get("note").asString()).startsWith("On behalf of " + lisa.name() + ": step 1");
    }

    @Test
    void explainShowsTheDelegationsInForceForEachStep() {
        delegate(lisa, sam, Map.of()).expect(201);
        delegate(tom, dev, Map.of()).expect(201);

        JsonNode explained = api.as(dev.token())
                .post(
                        "/api/v1/policies/explain",
                        Api.json(Map.of("requester", dev.name(), "resource", resource, "account", "admin")))
                .expect(200)
                .json();

        JsonNode delegates = explained.get("steps").get(0).get("delegates");
        assertThat(delegates.size()).isOne();
        assertThat(delegates.get(0).get("delegate").asString()).isEqualTo(sam.name());
        assertThat(delegates.get(0).get("onBehalfOf").asString()).isEqualTo(lisa.name());
    }

    @Test
    void theDelegatorAndTheDelegateCountOnce() {
        delegate(lisa, sam, Map.of()).expect(201);
        String resource2 = org.resource();
        org.policy(resource2, List.of(step("Leads", 2, lisa, tom)));
        String id = org.request(dev, resource2).get("id").asString();

        api.as(lisa.token()).post("/api/v1/requests/" + id + "/approve", null).expect(200);

        assertThat(awaiting(sam)).doesNotContain(id);
        // lisa's say in the step is used up, so the delegation no longer shows sam the request at all
        api.as(sam.token()).post("/api/v1/requests/" + id + "/approve", null).expect(404);
        assertThat(decisionsOn(id)).isEqualTo(1);
    }

    @Test
    void aDelegationForOtherResourcesDoesNotApply() {
        delegate(lisa, sam, Map.of("resources", List.of("staging-*"))).expect(201);
        String id = request();

        assertThat(awaiting(sam)).doesNotContain(id);
        api.as(sam.token()).post("/api/v1/requests/" + id + "/approve", null).expect(404);
    }
}
