package io.countersign.web.api;

import static io.countersign.testing.Api.issues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.net.URI;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Query parameters are checked like body fields and may be given once. Cursors are {@link
 * CursorContainmentTests}.
 */
@CountersignTest
class QueryParameterContainmentTests extends ContainmentTestBase {

    private Api.Response rawGet(String pathAndQuery) {
        try {
            var result = mvc.perform(get(URI.create(pathAndQuery)).header("Authorization", "Bearer " + Api.ADMIN_TOKEN))
                    .andReturn()
                    .getResponse();
            return new Api.Response(result.getStatus(), result.getContentAsString(), result.getContentType());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void queryParametersThatReachTheDatabaseOrComeBackAreCheckedToo() {
        assertThat(issues(rawGet("/api/v1/access/check?user=dev%00&resource=db&account=admin")
                        .expect(400)))
                .containsExactly("user:invalid_character");
        assertThat(issues(rawGet("/api/v1/requests?resource=db%1B%5B2J").expect(400)))
                .containsExactly("resource:invalid_character");
        assertThat(issues(rawGet("/api/v1/audit?actor=%00").expect(400))).containsExactly("actor:invalid_character");
        rawGet("/api/v1/users/" + "dev%1B").expect(400);
    }

    @Test
    void aQueryParameterGivenTwiceIsRefusedRatherThanOneOfItsValuesChosen() {
        assertThat(issues(
                        rawGet("/api/v1/requests?status=PENDING&status=PENDING").expect(400)))
                .containsExactly("status:repeated");
        assertThat(issues(rawGet("/api/v1/grants?active=true&active=false").expect(400)))
                .containsExactly("active:repeated");
        rawGet("/api/v1/requests?status=PENDING").expect(200);
    }

    @Test
    void aParameterTheOperationDoesNotTakeIsRefusedNamingWhatItTakes() {
        JsonNode grants = rawGet("/api/v1/grants?user=" + scene.dev).expect(400).json();
        assertThat(issues(grants)).containsExactly("user:unknown_parameter");
        assertThat(grants.get("errors").get(0).get("message").asString())
                .isEqualTo("is not a parameter of this operation, which takes active, cursor, limit");
        assertThat(issues(rawGet("/api/v1/requests?account=admin&bogus=1&status=PENDING")
                        .expect(400)))
                .containsExactly("account:unknown_parameter", "bogus:unknown_parameter");
        assertThat(issues(rawGet("/api/v1/audit?grantId=grt-1").expect(400)))
                .containsExactly("grantId:unknown_parameter");
        assertThat(issues(rawGet("/api/v1/access/check?user=dev&resource=db&account=admin&role=x")
                        .expect(400)))
                .containsExactly("role:unknown_parameter");
        assertThat(rawGet("/api/v1/levels?x=1")
                        .expect(400)
                        .json()
                        .get("errors")
                        .get(0)
                        .get("message")
                        .asString())
                .endsWith("which takes none");
        // every parameter an operation declares is known, paging and long-polling included
        rawGet("/api/v1/grants?active=true&limit=5").expect(200);
        rawGet("/api/v1/requests?status=PENDING&requester=dev&resource=db&awaiting=me&from=2020-01-01T00:00:00Z"
                        + "&to=2030-01-01T00:00:00Z&limit=5")
                .expect(200);
        api.asAdmin()
                .get("/api/v1/requests/" + scene.pendingRequest + "?wait=0")
                .expect(200);
        rawGet("/api/v1/audit?requestId=req-1&actor=dev&action=x&limit=5").expect(200);
    }

    @Test
    void theApiDescriptionTakesNoParameterEither() {
        for (String path : new String[] {"/api/v1/openapi", "/api/v1/openapi.yaml"}) {
            var refused = rawGet(path + "?x=1").expect(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(issues(refused)).containsExactly("x:unknown_parameter");
            rawGet(path).expect(200);
        }
    }

    @Test
    void aRefusedParameterChangesNothing() {
        var revoke = api.as(scene.devToken)
                .call(
                        org.springframework.http.HttpMethod.POST,
                        "/api/v1/grants/" + scene.grant + "/revoke?reason=done",
                        "{}");
        assertThat(issues(revoke.expect(400))).containsExactly("reason:unknown_parameter");
        nothingChanged();
    }
}
