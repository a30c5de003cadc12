package io.countersign.request;

import static io.countersign.request.Organisation.step;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Lisa and Tom approve dev's requests on a resource of their own, and Sam is there to delegate to. */
abstract class DelegationTestBase extends DevAndLisaTestBase {

    @Autowired
    MutableClock clock;

    Person tom;

    Person sam;

    String resource;

    @BeforeEach
    void lisaAndTomApproveDevsRequests() {
        tom = org.person("tom");
        sam = org.person("sam");
        resource = org.resource();
        org.policy(resource, List.of(step("Leads", 1, lisa, tom)));
    }

    Api.Response delegate(Person from, Person to, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("delegate", to.name());
        body.put("until", clock.instant().plus(Duration.ofDays(3)).toString());
        body.putAll(extra);
        return api.as(from.token()).post("/api/v1/users/" + from.name() + "/delegations", Api.json(body));
    }

    String request() {
        return org.request(dev, resource).get("id").asString();
    }

    List<String> awaiting(Person person) {
        return api.as(person.token())
                .get("/api/v1/requests?awaiting=me")
                .expect(200)
                .json()
                .get("items")
                .valueStream()
                .map(r -> r.get("id").asString())
                .toList();
    }

    List<JsonNode> audit(String requestId, String action) {
        return api.asAdmin()
                .get("/api/v1/audit?requestId=" + requestId + "&limit=100")
                .expect(200)
                .json()
                .get("items")
                .valueStream()
                .filter(i -> i.get("action").asString().equals(action))
                .toList();
    }
}
