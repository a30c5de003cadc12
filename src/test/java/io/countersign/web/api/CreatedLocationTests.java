package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.AccessSetup;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every 201 names what it created in {@code Location}, as {@code POST /requests} does. */
@CountersignTest
class CreatedLocationTests {

    @Autowired
    Api api;

    // the service's clock, which other tests of the same context may have moved on
    @Autowired
    MutableClock clock;

    @Test
    void anExtensionNamesTheRequestItOpened() {
        String resource = Api.unique("db");
        new AccessSetup(api).database(resource, "admin");
        api.asAdmin()
                .post(
                        "/api/v1/policies",
                        Api.json(Map.of(
                                "name",
                                Api.unique("open"),
                                "conditions",
                                Map.of("resourceName", resource),
                                "extension",
                                Map.of("maxTotalDuration", "PT12H"),
                                "steps",
                                List.of())))
                .expect(201);
        String grant = api.asAdmin()
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of("resource", resource, "account", "admin", "duration", "PT1H")))
                .expect(201)
                .json()
                .at("/grant/id")
                .asString();

        var extension = api.asAdmin()
                .post("/api/v1/grants/" + grant + "/extend", Api.json(Map.of("duration", "PT1H")))
                .expect(201);

        assertThat(extension.header("Location"))
                .isEqualTo("/api/v1/requests/" + extension.json().get("id").asString());
    }

    @Test
    void aDelegationAndATokenNameTheirOwnAddresses() {
        String from = person("lisa");
        String to = person("carol");

        var delegation = api.asAdmin()
                .post(
                        "/api/v1/users/" + from + "/delegations",
                        Api.json(Map.of(
                                "delegate",
                                to,
                                "until",
                                clock.instant().plus(1, ChronoUnit.DAYS).toString())))
                .expect(201);
        var token = api.asAdmin()
                .post("/api/v1/users/" + from + "/tokens", Api.json(Map.of("name", "ci")))
                .expect(201);

        assertThat(delegation.header("Location"))
                .isEqualTo("/api/v1/users/" + from + "/delegations/"
                        + delegation.json().get("id").asString());
        assertThat(token.header("Location"))
                .isEqualTo("/api/v1/users/" + from + "/tokens/"
                        + token.json().get("id").asString());
    }

    private String person(String base) {
        String name = Api.unique(base);
        api.asAdmin()
                .post("/api/v1/users", Api.json(Map.of("username", name, "email", name + "@example.com")))
                .expect(201);
        return name;
    }
}
