package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A delegation lets the delegate read what they may decide for the delegator, and what they decided:
 * never the delegator's other requests, closed ones and those from before the delegation included.
 */
@CountersignTest
class DelegateReadingTests extends DelegationTestBase {

    private List<String> listed(io.countersign.request.Organisation.Person person) {
        return api.as(person.token())
                .get("/api/v1/requests?limit=200")
                .expect(200)
                .json()
                .get("items")
                .valueStream()
                .map(r -> r.get("id").asString())
                .toList();
    }

    @Test
    void aDelegateDoesNotReadTheDelegatorsClosedRequests() {
        String closed = request();
        api.as(lisa.token())
                .post("/api/v1/requests/" + closed + "/approve", "{}")
                .expect(200);
        String pending = request();

        delegate(lisa, sam, Map.of()).expect(201);

        api.as(sam.token()).get("/api/v1/requests/" + closed).expect(404);
        api.as(sam.token()).get("/api/v1/requests/" + pending).expect(200);
        assertThat(listed(sam)).contains(pending).doesNotContain(closed);
    }

    @Test
    void aDelegateDoesNotReadAPendingStepTheDelegatorHasAlreadyDecided() {
        Organisation.Person tom = org.person("tom");
        String decidedByLisa = org.pendingRequest(dev, List.of(Organisation.step("Pair", 2, lisa, tom)));
        api.as(lisa.token())
                .post("/api/v1/requests/" + decidedByLisa + "/approve", "{}")
                .expect(200);

        delegate(lisa, sam, Map.of()).expect(201);

        // the step still waits on tom, but the delegation lets sam decide nothing left in it
        api.as(sam.token()).get("/api/v1/requests/" + decidedByLisa).expect(404);
        assertThat(listed(sam)).doesNotContain(decidedByLisa);
    }

    @Test
    void aDelegateKeepsReadingWhatTheyDecided() {
        delegate(lisa, sam, Map.of()).expect(201);
        String decided = request();
        api.as(sam.token())
                .post("/api/v1/requests/" + decided + "/approve", "{}")
                .expect(200);

        api.as(sam.token()).get("/api/v1/requests/" + decided).expect(200);
        assertThat(listed(sam)).contains(decided);
    }
}
