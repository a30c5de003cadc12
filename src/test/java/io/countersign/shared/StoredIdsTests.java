package io.countersign.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.AccessSetup;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every id the service makes now carries 80 random bits and is stored whole; ids stored before still work. */
@CountersignTest
class StoredIdsTests {

    static final String LONG_ID = "[a-km-np-z2-9]{16}";

    @Autowired
    Api api;

    @Autowired
    AccessSetup setup;

    @Autowired
    JdbcClient jdbc;

    @Test
    void requestsGrantsTokensAndWebhooksGetSixteenCharacterIdsThatReadBack() {
        String dev = Api.unique("dev");
        String lisa = Api.unique("lisa");
        String resource = Api.unique("db");
        String devToken = user(dev);
        String lisaToken = user(lisa);
        setup.database(resource, "admin");
        api.asAdmin()
                .post(
                        "/api/v1/policies",
                        Api.json(Map.of(
                                "name",
                                Api.unique("policy"),
                                "conditions",
                                Map.of("resourceName", resource),
                                "steps",
                                List.of(Map.of("name", "Review", "approvers", List.of(Map.of("user", lisa)))))))
                .expect(201);

        String request = api.ask(devToken, resource, Map.of());
        String grant = api.as(lisaToken)
                .post("/api/v1/requests/" + request + "/approve", "{}")
                .expect(200)
                .json()
                .get("grant")
                .get("id")
                .asString();
        String token = api.asAdmin()
                .post("/api/v1/users/" + dev + "/tokens", Api.json(Map.of("name", "second")))
                .expect(201)
                .json()
                .get("id")
                .asString();
        String webhook = api.asAdmin()
                .post(
                        "/api/v1/webhooks",
                        Api.json(Map.of(
                                "url",
                                "https://hooks.example.org/countersign",
                                "events",
                                List.of("request.created"),
                                "secret",
                                "a-long-enough-secret-123")))
                .expect(201)
                .json()
                .get("id")
                .asString();

        assertThat(request).matches("req-" + LONG_ID);
        assertThat(grant).matches("grt-" + LONG_ID);
        assertThat(token).matches("tok-" + LONG_ID);
        assertThat(webhook).matches("wh-" + LONG_ID);
        assertThat(api.as(devToken)
                        .get("/api/v1/requests/" + request)
                        .expect(200)
                        .json()
                        .get("grant")
                        .get("id")
                        .asString())
                .isEqualTo(grant);
        api.as(devToken).get("/api/v1/grants/" + grant).expect(200);
        api.asAdmin().get("/api/v1/webhooks/" + webhook).expect(200);
        api.asAdmin().delete("/api/v1/webhooks/" + webhook).expect(204);
    }

    @Test
    void aWebhookStoredBeforeWithAnEightCharacterIdIsStillFoundAndRemoved() {
        String legacy = "wh-xabcdefg";
        jdbc.sql("insert into webhooks (id, url, created_by, created_at) values (?, ?, 'admin', ?)")
                .params(legacy, "https://hooks.example.org/legacy", OffsetDateTime.now(ZoneOffset.UTC))
                .update();

        assertThat(api.asAdmin()
                        .get("/api/v1/webhooks/" + legacy)
                        .expect(200)
                        .json()
                        .get("id")
                        .asString())
                .isEqualTo(legacy);
        api.asAdmin().delete("/api/v1/webhooks/" + legacy).expect(204);
    }

    private String user(String name) {
        return setup.tokenForNewUser(name, "USER");
    }
}
