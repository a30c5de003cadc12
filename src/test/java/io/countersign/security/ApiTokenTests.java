package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@CountersignTest
class ApiTokenTests {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCallWithoutTokenIsUnauthorizedWithAProblemDocument() {
        var response = api.anonymous().post("/api/v1/users/admin/tokens", "{\"name\":\"x\"}");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("title").asString()).isEqualTo("Unauthorized");
        assertThat(response.json().get("instance").asString()).isEqualTo("/api/v1/users/admin/tokens");
    }

    @Test
    void aRefusalBeforeAnyControllerNamesItsPath() {
        var unknown = api.as("cs_not-a-real-token-at-all-000000").get("/api/v1/users/dev");
        var forbidden = api.anonymous().get("/api/v1/users");

        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("instance").asString()).isEqualTo("/api/v1/users/dev");
        assertThat(forbidden.json().get("instance").asString()).isEqualTo("/api/v1/users");
    }

    @Test
    void anAuditorWhoSeesAUserIsToldTheirTokensAreNotTheirsToManage() {
        String carol = Api.unique("carol");
        api.asAdmin()
                .post("/api/v1/users", Api.json(Map.of("username", carol, "email", carol + "@example.com")))
                .expect(201);
        String auditor = api.tokenHolder("auditor", "AUDITOR");
        String user = api.tokenHolder("user", "USER");

        api.as(auditor).get("/api/v1/users/" + carol).expect(200);
        JsonNode refused = api.as(auditor)
                .get("/api/v1/users/" + carol + "/tokens")
                .expect(403)
                .json();

        assertThat(refused.get("detail").asString())
                .isEqualTo("Only '" + carol + "' and administrators manage the API tokens of '" + carol + "'.");
        api.as(user).get("/api/v1/users/" + carol + "/tokens").expect(404);
        api.as(auditor).get("/api/v1/users/nobody-" + carol + "/tokens").expect(404);
    }

    @Test
    void anUnknownTokenIsRefused() {
        var response =
                api.as("cs_not-a-real-token-at-all-000000").post("/api/v1/users/admin/tokens", "{\"name\":\"x\"}");

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void aRequestWithTwoAuthorizationHeadersIsRefusedWhicheverComesFirst() {
        int tokens =
                jdbc.sql("select count(*) from api_tokens").query(Integer.class).single();
        for (String path : List.of("/api/v1/users/admin/tokens", "/api/v1/access/check?user=a&resource=b&account=c")) {
            boolean create = path.endsWith("tokens");
            var response = api.asAdmin()
                    .call(
                            create ? HttpMethod.POST : HttpMethod.GET,
                            path,
                            create ? "{\"name\":\"twice\"}" : null,
                            "Authorization",
                            "Bearer cs_not-a-real-token-at-all-000000");

            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("detail").asString()).contains("one Authorization header");
        }
        assertThat(jdbc.sql("select count(*) from api_tokens")
                        .query(Integer.class)
                        .single())
                .isEqualTo(tokens);
    }

    @Test
    void anIssuedTokenIsShownOnceStoredHashedAndAuthenticatesItsOwner() {
        String name = Api.unique("laptop");
        var issued = api.asAdmin()
                .post("/api/v1/users/admin/tokens", "{\"name\":\"" + name + "\"}")
                .expect(201)
                .json();
        String token = issued.get("token").asString();

        assertThat(token).startsWith("cs_");
        assertThat(jdbc.sql("select count(*) from api_tokens where secret_hash = ?")
                        .param(token)
                        .query(Long.class)
                        .single())
                .isZero();
        api.as(token)
                .post("/api/v1/users/admin/tokens", "{\"name\":\"" + Api.unique("other") + "\"}")
                .expect(201);
    }

    @Test
    void anUnknownFieldAndAValueOfTheWrongTypeAreReportedWithTheOtherProblemsAndIssueNothing() {
        int tokens =
                jdbc.sql("select count(*) from api_tokens").query(Integer.class).single();

        var everything = api.asAdmin()
                .post(
                        "/api/v1/users/admin/tokens",
                        "{\"name\":{\"pasted-secret-3c8a\":1},\"expiresAt\":\"2001-01-01T00:00:00Z\",\"scope\":\"all\"}");
        // a token issued on trial is rolled back and its secret never answered
        var unknownAlone = api.asAdmin()
                .post("/api/v1/users/admin/tokens", "{\"name\":\"" + Api.unique("trial") + "\",\"scope\":\"all\"}");

        assertThat(Api.issues(everything.expect(400)))
                .containsExactlyInAnyOrder("name:invalid_type", "expiresAt:in_the_past", "scope:unknown_field");
        assertThat(everything.body()).doesNotContain("pasted-secret-3c8a");
        assertThat(Api.issues(unknownAlone.expect(400))).containsExactly("scope:unknown_field");
        assertThat(unknownAlone.body()).doesNotContain("cs_");
        assertThat(jdbc.sql("select count(*) from api_tokens")
                        .query(Integer.class)
                        .single())
                .isEqualTo(tokens);
    }

    @Test
    void anExpiryFinerThanAMicrosecondIsAnsweredAsItIsStored() {
        String name = Api.unique("nanos");
        Instant asked = Instant.now()
                .plus(Duration.ofDays(7))
                .truncatedTo(ChronoUnit.SECONDS)
                .plusNanos(123_456_789);

        var issued = api.asAdmin()
                .post("/api/v1/users/admin/tokens", Api.json(Map.of("name", name, "expiresAt", asked.toString())))
                .expect(201)
                .json();

        String listed = null;
        for (JsonNode token :
                api.asAdmin().get("/api/v1/users/admin/tokens").expect(200).json()) {
            if (token.get("name").asString().equals(name)) {
                listed = token.get("expiresAt").asString();
            }
        }
        assertThat(Instant.parse(issued.get("expiresAt").asString()))
                .isEqualTo(asked.truncatedTo(ChronoUnit.MICROS))
                .isEqualTo(Instant.parse(listed));
    }

    @Test
    void aTokenNameMayNotRepeatForTheSameUser() {
        String body = "{\"name\":\"" + Api.unique("ci") + "\"}";
        api.asAdmin().post("/api/v1/users/admin/tokens", body).expect(201);

        var again = api.asAdmin().post("/api/v1/users/admin/tokens", body);

        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void malformedJsonIsABadRequestThatNamesTheBody() {
        var response = api.asAdmin().post("/api/v1/users/admin/tokens", "{\"name\":");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("code").asString()).isEqualTo("malformed_json");
    }

    @Test
    void unknownPathsAreRefusedEvenToAdministrators() {
        // refused by the rules before any controller runs: the answer is the rules' own, not a handler's 404
        assertThat(api.asAdmin().get("/api/v1/nothing-here").expect(404).body()).contains("No operation has this path");
    }
}
