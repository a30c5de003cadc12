package io.countersign.notify;

import static io.countersign.testing.Api.issues;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.directory.UserInput;
import io.countersign.directory.Users;
import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@WebhookTest
class WebhookConfigurationTests {

    static final String SECRET = "configuration-secret-0123";
    // a port nothing listens on: these endpoints never receive anything
    static final String URL = "http://127.0.0.1:9/hooks/countersign?token=abc";

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RecordedEvents recorded;

    @Autowired
    Users users;

    @Test
    void aCreatedWebhookIsListedAndNeverShowsItsSecret() {
        var created = api.asAdmin()
                .post("/api/v1/webhooks", body(URL, List.of("request.created", "grant.ended"), SECRET))
                .expect(201);
        JsonNode json = created.json();
        String id = json.get("id").asString();

        assertThat(id).startsWith("wh-");
        assertThat(json.get("url").asString()).isEqualTo(URL);
        assertThat(json.get("events").valueStream().map(JsonNode::asString))
                .containsExactly("request.created", "grant.ended");
        assertThat(json.get("secrets")).hasSize(1);
        assertThat(json.get("secrets").get(0).get("number").asInt()).isEqualTo(1);
        assertThat(created.body()).doesNotContain(SECRET).doesNotContain("\"secret\"");

        var one = api.asAdmin().get("/api/v1/webhooks/" + id).expect(200);
        assertThat(one.json().get("id").asString()).isEqualTo(id);
        assertThat(one.body()).doesNotContain(SECRET);
        var all = api.asAdmin().get("/api/v1/webhooks").expect(200);
        assertThat(all.json().valueStream().map(w -> w.get("id").asString())).contains(id);
        assertThat(all.body()).doesNotContain(SECRET);
    }

    @Test
    void secretsAreStoredEncrypted() {
        String id = create(List.of("request.approved"));
        api.asAdmin()
                .post("/api/v1/webhooks/" + id + "/secrets", Api.json(Map.of("secret", "rotated-" + SECRET)))
                .expect(201);

        List<String> stored = jdbc.sql("select ciphertext from webhook_secrets where webhook_id = ?")
                .param(id)
                .query(String.class)
                .list();

        assertThat(stored).hasSize(2).allSatisfy(value -> {
            assertThat(value).startsWith("v1:");
            assertThat(value).doesNotContain(SECRET).doesNotContain("configuration-secret");
        });
        assertThat(stored.get(0)).isNotEqualTo(stored.get(1));
    }

    @Test
    void invalidInputReportsEveryIssueAtOnceAndCreatesNothing() {
        long before = count();

        var response = api.asAdmin()
                .post("/api/v1/webhooks", body("ftp://example.org/hook", List.of("request.created", "nope"), "short"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(issues(response.json()))
                .containsExactlyInAnyOrder("url:invalid_url", "events[1]:unknown_event", "secret:too_short");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void anEventTypeNamedTwiceIsRefusedRatherThanMerged() {
        long before = count();

        var response = api.asAdmin()
                .post(
                        "/api/v1/webhooks",
                        body(URL, List.of("request.created", "grant.revoked", "request.created"), SECRET));

        assertThat(response.status()).isEqualTo(400);
        assertThat(issues(response.json())).containsExactly("events[2]:duplicate");
        assertThat(response.json().toString()).contains("'request.created' is already entry 1 of the events");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void missingFieldsAreEachReported() {
        var response = api.asAdmin().post("/api/v1/webhooks", "{}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(issues(response.json()))
                .containsExactlyInAnyOrder("url:required", "events:required", "secret:required");
    }

    @Test
    void urlsMustBeHttpWithAHostAndWithoutCredentials() {
        for (String url :
                List.of("not a url", "/relative/path", "mailto:ops@example.org", "https://user:pw@example.org/")) {
            var response = api.asAdmin().post("/api/v1/webhooks", body(url, List.of("request.created"), SECRET));
            assertThat(response.status()).as(url).isEqualTo(400);
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("url");
        }
        api.asAdmin()
                .post("/api/v1/webhooks", body("https://hooks.example.org/x", List.of("grant.started"), SECRET))
                .expect(201);
    }

    @Test
    void linkLocalAndUnspecifiedAddressesAreRefusedAsReceiversWithoutSayingWhatTheyResolveTo() {
        long before = count();
        for (String url : List.of(
                "http://169.254.169.254/latest/meta-data",
                "http://[fe80::a9fe:a9fe]:8080/hook",
                "http://[::ffff:169.254.169.254]/latest/meta-data",
                "http://[::ffff:a9fe:a9fe]/latest/meta-data",
                "http://[64:ff9b::a9fe:a9fe]/hook",
                "http://[2002:a9fe:a9fe::1]/hook",
                "http://0.0.0.0:8080/hook",
                "http://[::]/hook")) {
            var response = api.asAdmin().post("/api/v1/webhooks", body(url, List.of("request.created"), SECRET));

            assertThat(response.status()).as(url).isEqualTo(400);
            assertThat(issues(response.json())).as(url).containsExactly("url:refused_address");
            assertThat(response.body())
                    .contains("never a receiver")
                    .doesNotContain("169.254")
                    .doesNotContain("a9fe");
        }
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void unknownFieldsAreRefused() {
        var response = api.asAdmin()
                .post(
                        "/api/v1/webhooks",
                        Api.json(
                                Map.of("url", URL, "events", List.of("request.created"), "secret", SECRET, "id", "x")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(issues(response.json())).containsExactly("id:unknown_field");
    }

    @Test
    void anUnknownFieldAndAValueOfTheWrongTypeAreReportedWithTheOtherProblemsAndCreateNothing() {
        long before = count();

        var everything = api.asAdmin()
                .post(
                        "/api/v1/webhooks",
                        "{\"url\":\"" + URL + "\",\"events\":[\"request.created\",\"lunch.served\"],"
                                + "\"secret\":{\"pasted-secret-2f7a\":1},\"id\":\"x\"}");
        var unknownAlone = api.asAdmin()
                .post(
                        "/api/v1/webhooks",
                        Api.json(
                                Map.of("url", URL, "events", List.of("request.created"), "secret", SECRET, "id", "x")));

        assertThat(issues(everything.expect(400).json()))
                .containsExactlyInAnyOrder("id:unknown_field", "events[1]:unknown_event", "secret:invalid_type");
        assertThat(everything.body()).doesNotContain("pasted-secret-2f7a");
        assertThat(issues(unknownAlone.expect(400).json())).containsExactly("id:unknown_field");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void aSecretWithAnUnknownFieldIsReportedWithItsOtherProblemsAndAddsNothing() {
        String id = create(List.of("request.created"));
        String secrets = "/api/v1/webhooks/" + id + "/secrets";

        var tooShort = api.asAdmin().post(secrets, "{\"secret\":\"tiny\",\"note\":1}");
        var unknownAlone = api.asAdmin().post(secrets, "{\"secret\":\"second-" + SECRET + "\",\"note\":1}");

        assertThat(issues(tooShort.expect(400).json()))
                .containsExactlyInAnyOrder("secret:too_short", "note:unknown_field");
        assertThat(issues(unknownAlone.expect(400).json())).containsExactly("note:unknown_field");
        assertThat(jdbc.sql("select count(*) from webhook_secrets where webhook_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aDeletedWebhookIsGone() {
        String id = create(List.of("request.created"));

        api.asAdmin().delete("/api/v1/webhooks/" + id).expect(204);

        assertThat(api.asAdmin().get("/api/v1/webhooks/" + id).status()).isEqualTo(404);
        assertThat(api.asAdmin().delete("/api/v1/webhooks/" + id).status()).isEqualTo(404);
        assertThat(api.asAdmin().get("/api/v1/webhooks/" + id + "/deliveries").status())
                .isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from webhook_secrets where webhook_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void atMostTwoSecretsAreActiveAndTheLastOneCannotBeRemoved() {
        String id = create(List.of("request.created"));
        String secrets = "/api/v1/webhooks/" + id + "/secrets";

        var two = api.asAdmin()
                .post(secrets, Api.json(Map.of("secret", "second-" + SECRET)))
                .expect(201);
        assertThat(two.json()
                        .get("secrets")
                        .valueStream()
                        .map(s -> s.get("number").asInt()))
                .containsExactly(1, 2);
        assertThat(api.asAdmin()
                        .post(secrets, Api.json(Map.of("secret", "third-" + SECRET)))
                        .status())
                .isEqualTo(409);
        assertThat(api.asAdmin()
                        .post(secrets, Api.json(Map.of("secret", "tiny")))
                        .status())
                .isEqualTo(400);

        var one = api.asAdmin().delete(secrets + "/1").expect(200);
        assertThat(one.json()
                        .get("secrets")
                        .valueStream()
                        .map(s -> s.get("number").asInt()))
                .containsExactly(2);
        assertThat(api.asAdmin().delete(secrets + "/2").status()).isEqualTo(409);
        assertThat(api.asAdmin().delete(secrets + "/7").status()).isEqualTo(404);

        var next = api.asAdmin()
                .post(secrets, Api.json(Map.of("secret", "third-" + SECRET)))
                .expect(201);
        assertThat(next.json()
                        .get("secrets")
                        .valueStream()
                        .map(s -> s.get("number").asInt()))
                .containsExactly(2, 3);
    }

    @Test
    void anAddedSecretIsAnsweredWithTheAddressThatRetiresIt() {
        String id = create(List.of("request.created"));
        String secrets = "/api/v1/webhooks/" + id + "/secrets";
        api.asAdmin()
                .post(secrets, Api.json(Map.of("secret", "second-" + SECRET)))
                .expect(201);
        api.asAdmin().delete(secrets + "/1").expect(200);

        var added = api.asAdmin()
                .post(secrets, Api.json(Map.of("secret", "third-" + SECRET)))
                .expect(201);

        assertThat(added.header("Location")).isEqualTo(secrets + "/3");
        var retired = api.asAdmin().delete(secrets + "/2").expect(200);
        assertThat(retired.json()
                        .get("secrets")
                        .valueStream()
                        .map(s -> s.get("number").asInt()))
                .containsExactly(3);
        assertThat(api.asAdmin().delete(added.header("Location")).status()).isEqualTo(409);
    }

    @Test
    void administrativeChangesAreAuditedWithoutTheSecretOrTheUrlPathOrQuery() {
        String id = create(List.of("request.created"));
        api.asAdmin()
                .post("/api/v1/webhooks/" + id + "/secrets", Api.json(Map.of("secret", "second-" + SECRET)))
                .expect(201);
        api.asAdmin().delete("/api/v1/webhooks/" + id + "/secrets/1").expect(200);
        api.asAdmin().delete("/api/v1/webhooks/" + id).expect(204);

        List<AuditableEvent> events = recorded.about("webhook:" + id);
        assertThat(events)
                .extracting(AuditableEvent::action)
                .containsExactly(
                        "webhook.created",
                        "webhook.secret_added",
                        "webhook.secret_added",
                        "webhook.secret_removed",
                        "webhook.deleted");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.actor().username()).isEqualTo("admin");
            // incoming-webhook URLs (Slack's, Teams', Discord's) carry their secret in the path
            assertThat(event.note())
                    .doesNotContain(SECRET)
                    .doesNotContain("token=abc")
                    .doesNotContain("hooks/countersign");
        });
        assertThat(events.get(0).note()).startsWith("http://127.0.0.1:9/… for request.created");
    }

    @Test
    void onlyAdministratorsMayConfigureOrReadWebhooks() {
        String auditor = Api.unique("auditor");
        users.create(
                Actor.system(), new UserInput(auditor, auditor + "@example.org", null, null, null, Role.AUDITOR, true));
        String token = api.asAdmin()
                .post("/api/v1/users/" + auditor + "/tokens", "{\"name\":\"t\"}")
                .expect(201)
                .json()
                .get("token")
                .asString();

        assertThat(api.as(token).get("/api/v1/webhooks").status()).isEqualTo(403);
        assertThat(api.as(token)
                        .post("/api/v1/webhooks", body(URL, List.of("request.created"), SECRET))
                        .status())
                .isEqualTo(403);
        assertThat(api.anonymous().get("/api/v1/webhooks").status()).isEqualTo(401);
    }

    private String create(List<String> events) {
        return api.asAdmin()
                .post("/api/v1/webhooks", body(URL, events, SECRET))
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    private long count() {
        return jdbc.sql("select count(*) from webhooks").query(Long.class).single();
    }

    private static String body(String url, List<String> events, String secret) {
        return Api.json(Map.of("url", url, "events", events, "secret", secret));
    }
}
