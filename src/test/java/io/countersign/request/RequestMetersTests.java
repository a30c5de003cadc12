package io.countersign.request;

import static io.countersign.request.Organisation.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/** Creations and decisions are timed to their commit, and Prometheus sees the histograms. */
@CountersignTest
class RequestMetersTests {

    @Autowired
    Api api;

    @Autowired
    MeterRegistry meters;

    @Test
    void aCreationAndADecisionAreTimedAndScrapedAsHistograms() {
        Organisation org = new Organisation(api);
        Person dev = org.person("dev");
        Person lisa = org.person("lisa");
        Person stranger = org.person("eve");
        String resource = org.resource();
        org.policy(
                resource, List.of(step("Review", 1, lisa)), Map.of("defaultDuration", "PT1H", "maxDuration", "PT4H"));
        long created = count(RequestMeters.CREATION, "committed");
        long decided = count(RequestMeters.DECISION, "committed");
        long refused = count(RequestMeters.DECISION, "refused");

        String id = api.as(dev.token())
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of("resource", resource, "account", "admin", "justification", "metered")))
                .expect(201)
                .json()
                .get("id")
                .asString();
        // a stranger's decision is refused: timed all the same
        api.as(stranger.token())
                .post("/api/v1/requests/" + id + "/approve", null)
                .expect(404);
        api.as(lisa.token()).post("/api/v1/requests/" + id + "/approve", null).expect(200);

        assertThat(count(RequestMeters.CREATION, "committed")).isEqualTo(created + 1);
        assertThat(count(RequestMeters.DECISION, "committed")).isEqualTo(decided + 1);
        assertThat(count(RequestMeters.DECISION, "refused")).isEqualTo(refused + 1);
        String scrape = api.asAdmin()
                .call(HttpMethod.GET, "/actuator/prometheus", null, "Accept", "text/plain")
                .expect(200)
                .body();
        assertThat(scrape)
                .contains("countersign_request_creation_seconds_bucket{")
                .contains("countersign_request_decision_seconds_bucket{");
    }

    private long count(String name, String outcome) {
        Timer timer = meters.find(name).tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }
}
