package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/**
 * The README's five minutes with curl, each answer checked against the OpenAPI document the service
 * serves: what the console shows is what the API answers.
 */
@CountersignTest
class ReadmeWalkthroughContractTests {

    @Autowired
    Api api;

    DocumentedAnswers documented;

    private Api.Response call(String token, HttpMethod method, String path, Object body, String... headers) {
        Api.Response answer = api.as(token).call(method, path, body == null ? null : Api.json(body), headers);
        documented.check(method.name(), path, answer);
        return answer;
    }

    private String tokenFor(String user) {
        return call(
                        Api.ADMIN_TOKEN,
                        HttpMethod.POST,
                        "/api/v1/users/" + user + "/tokens",
                        Map.of("name", "walkthrough"))
                .expect(201)
                .json()
                .get("token")
                .asString();
    }

    @Test
    void everyAnswerOfTheWalkthroughIsDocumented() {
        documented = new DocumentedAnswers(
                api.asAdmin().get("/api/v1/openapi").expect(200).json());
        String dev = Api.unique("dev");
        String lisa = Api.unique("lisa");
        String carol = Api.unique("carol");
        String gateway = Api.unique("gateway");
        String sam = Api.unique("sam");
        String security = Api.unique("security");
        String database = Api.unique("prod-postgresql");
        String open = Api.unique("prod-sandbox");
        // an import replaces the whole ladder: keep the levels other tests in this context hold
        List<String> levels = new java.util.ArrayList<>();
        api.asAdmin().get("/api/v1/levels").expect(200).json().forEach(level -> levels.add(level.asString()));
        for (String level : List.of("engineer", "team-lead", "manager", "director")) {
            if (!levels.contains(level)) {
                levels.add(level);
            }
        }
        Map<String, Object> bundle = Map.of(
                "levels",
                levels,
                "users",
                List.of(
                        Map.of("username", dev, "email", dev + "@example.com", "level", "engineer", "manager", lisa),
                        Map.of("username", lisa, "email", lisa + "@example.com", "level", "manager"),
                        Map.of("username", carol, "email", carol + "@example.com", "level", "manager"),
                        Map.of("username", gateway, "email", gateway + "@example.com", "role", "ENFORCER"),
                        Map.of("username", sam, "email", sam + "@example.com", "level", "team-lead")),
                "groups",
                List.of(Map.of("name", security, "members", List.of(carol), "managers", List.of(carol))),
                "resources",
                List.of(
                        Map.of("name", database, "type", "database", "accounts", List.of("rw-admin")),
                        Map.of("name", open, "type", "database", "accounts", List.of("rw-admin"))),
                "policies",
                List.of(
                        Map.of(
                                "name",
                                Api.unique("production-db-approval"),
                                "priority",
                                100,
                                "conditions",
                                Map.of("resourceName", database, "accountName", "*-admin"),
                                "maxDuration",
                                "PT4H",
                                "requireJustification",
                                true,
                                "steps",
                                List.of(
                                        Map.of(
                                                "name",
                                                "Manager Review",
                                                "approvers",
                                                List.of(Map.of("requesterManager", true)),
                                                "requiredApprovals",
                                                1),
                                        Map.of(
                                                "name",
                                                "Security Review",
                                                "approvers",
                                                List.of(Map.of("group", security)),
                                                "requiredApprovals",
                                                1))),
                        Map.of(
                                "name",
                                Api.unique("sandbox"),
                                "priority",
                                100,
                                "conditions",
                                Map.of("resourceName", open),
                                "steps",
                                List.of())));
        call(Api.ADMIN_TOKEN, HttpMethod.POST, "/api/v1/import", bundle).expect(200);
        String devToken = tokenFor(dev);
        String lisaToken = tokenFor(lisa);
        String carolToken = tokenFor(carol);
        String gatewayToken = tokenFor(gateway);
        String samToken = tokenFor(sam);

        call(devToken, HttpMethod.POST, "/api/v1/policies/explain", Map.of("resource", database, "account", "rw-admin"))
                .expect(200);
        Map<String, Object> ask = Map.of(
                "resource", database, "account", "rw-admin", "duration", "PT2H", "justification", "INC-123 failover");
        String id = call(devToken, HttpMethod.POST, "/api/v1/requests", ask)
                .expect(201)
                .json()
                .get("id")
                .asString();
        call(lisaToken, HttpMethod.GET, "/api/v1/requests?awaiting=me", null).expect(200);
        call(lisaToken, HttpMethod.POST, "/api/v1/requests/" + id + "/approve", Map.of("comment", "ok"))
                .expect(200);
        var approved = call(
                        carolToken,
                        HttpMethod.POST,
                        "/api/v1/requests/" + id + "/approve",
                        Map.of("comment", "one hour is enough", "duration", "PT1H"),
                        "Idempotency-Key",
                        Api.unique("walk"))
                .expect(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.json().get("grantedDuration").asString()).isEqualTo("PT1H");
        String check = "/api/v1/access/check?user=" + dev + "&resource=" + database + "&account=rw-admin";
        assertThat(call(gatewayToken, HttpMethod.GET, check, null)
                        .expect(200)
                        .json()
                        .get("allowed")
                        .asBoolean())
                .isTrue();
        String grant = approved.json().get("grant").get("id").asString();
        String extension = call(
                        devToken,
                        HttpMethod.POST,
                        "/api/v1/grants/" + grant + "/extend",
                        Map.of("duration", "PT1H", "justification", "INC-123 failover runs long"))
                .expect(201)
                .json()
                .get("id")
                .asString();
        call(lisaToken, HttpMethod.POST, "/api/v1/requests/" + extension + "/approve", Map.of())
                .expect(200);
        call(carolToken, HttpMethod.POST, "/api/v1/requests/" + extension + "/approve", Map.of())
                .expect(200);
        var endsAt = call(gatewayToken, HttpMethod.GET, check, null).json().get("expiresAt");
        assertThat(java.time.Instant.parse(endsAt.asString()))
                .isEqualTo(java.time.Instant.parse(
                                approved.json().get("grant").get("endsAt").asString())
                        .plus(java.time.Duration.ofHours(1)));
        // lisa is away: sam decides in her place
        call(
                        lisaToken,
                        HttpMethod.POST,
                        "/api/v1/users/" + lisa + "/delegations",
                        Map.of("delegate", sam, "until", "2030-01-01T00:00:00Z", "resources", List.of("prod-*")))
                .expect(201);
        String next = call(
                        devToken,
                        HttpMethod.POST,
                        "/api/v1/requests",
                        Map.of(
                                "resource",
                                database,
                                "account",
                                "rw-admin",
                                "duration",
                                "PT30M",
                                "justification",
                                "INC-124 index rebuild"))
                .expect(201)
                .json()
                .get("id")
                .asString();
        var delegated = call(
                        samToken,
                        HttpMethod.POST,
                        "/api/v1/requests/" + next + "/approve",
                        Map.of("comment", "covering for lisa"))
                .expect(200)
                .json();
        assertThat(delegated.get("decisions").get(0).get("onBehalfOf").asString())
                .isEqualTo(lisa);
        assertThat(delegated.get("steps").get(1).get("eligibleApprovers").toString())
                .contains(carol);
        call(lisaToken, HttpMethod.GET, "/api/v1/users/" + lisa + "/delegations", null)
                .expect(200);
        call(Api.ADMIN_TOKEN, HttpMethod.GET, "/api/v1/audit/verify", null).expect(200);
        call(Api.ADMIN_TOKEN, HttpMethod.GET, "/api/v1/requests/" + id, null).expect(200);
        call(devToken, HttpMethod.POST, "/api/v1/grants/" + grant + "/revoke", Map.of("reason", "done"))
                .expect(200);
        assertThat(call(gatewayToken, HttpMethod.GET, check, null)
                        .json()
                        .get("allowed")
                        .asBoolean())
                .isFalse();

        // access whose clock starts at its first use
        String reporting = Api.unique("prod-reporting");
        call(
                        Api.ADMIN_TOKEN,
                        HttpMethod.POST,
                        "/api/v1/resources",
                        Map.of("name", reporting, "type", "database", "accounts", List.of("readonly")))
                .expect(201);
        call(
                        Api.ADMIN_TOKEN,
                        HttpMethod.POST,
                        "/api/v1/policies",
                        Map.of(
                                "name",
                                Api.unique("reporting-on-first-use"),
                                "conditions",
                                Map.of("resourceName", reporting),
                                "defaultDuration",
                                "PT1H",
                                "startOnFirstUse",
                                true,
                                "claimWindow",
                                "P7D",
                                "steps",
                                List.of()))
                .expect(201);
        var unused = call(
                        devToken,
                        HttpMethod.POST,
                        "/api/v1/requests",
                        Map.of("resource", reporting, "account", "readonly"))
                .expect(201);
        assertThat(unused.json().get("grant").get("status").asString()).isEqualTo("APPROVED_UNUSED");
        var firstUse = call(
                        gatewayToken,
                        HttpMethod.GET,
                        "/api/v1/access/check?user=" + dev + "&resource=" + reporting + "&account=readonly",
                        null)
                .expect(200)
                .json();
        assertThat(firstUse.get("allowed").asBoolean()).isTrue();
        assertThat(firstUse.get("clockStartedAt").isNull()).isFalse();

        // the other variant of creation, an enforcement point waiting for the decision
        var waited = call(
                        gatewayToken,
                        HttpMethod.POST,
                        "/api/v1/requests",
                        Map.of("resource", open, "account", "rw-admin", "requester", dev),
                        "Prefer",
                        "wait=5")
                .expect(201);
        assertThat(waited.json().get("status").asString()).isEqualTo("APPROVED");

        // and the problems on the way: a request no policy governs, a bad body, no token
        call(devToken, HttpMethod.POST, "/api/v1/requests", Map.of("resource", database, "account", "nope"))
                .expect(404);
        call(devToken, HttpMethod.POST, "/api/v1/requests", Map.of("resource", database))
                .expect(400);
        documented.check("GET", "/api/v1/requests/" + id, api.anonymous().get("/api/v1/requests/" + id));
    }
}
