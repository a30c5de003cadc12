package io.countersign.web.api;

import static io.countersign.testing.Api.issues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An instant ISO-8601 can write but the database cannot store (a year of ten digits, a year before 1)
 * is refused on its field where it is read, body or query, never failing once it reaches a query; the
 * ends a person sets lie at most ten years ahead.
 */
@CountersignTest
class FarInstantContainmentTests extends ContainmentTestBase {

    private static final String FAR = "+1000000000-01-01T00:00:00Z";
    private static final String LONG_AGO = "-1000000000-01-01T00:00:00Z";

    @Autowired
    MutableClock clock;

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

    private Api.Response delegate(Map<String, Object> body) {
        return api.as(scene.lisaToken).post("/api/v1/users/" + scene.lisa + "/delegations", Api.json(body));
    }

    @Test
    void aDelegationEndingOrStartingBeyondTheStorableRangeIsRefusedOnItsField() {
        Api.Response until =
                delegate(Map.of("delegate", scene.dev, "until", FAR)).expect(400);
        Api.Response from = delegate(Map.of(
                        "delegate",
                        scene.dev,
                        "from",
                        FAR,
                        "until",
                        clock.instant().plus(Duration.ofDays(1)).toString()))
                .expect(400);
        Api.Response early =
                delegate(Map.of("delegate", scene.dev, "until", LONG_AGO)).expect(400);

        assertThat(issues(until)).containsExactly("until:out_of_range");
        assertThat(issues(from)).containsExactly("from:out_of_range");
        assertThat(issues(early)).containsExactly("until:out_of_range");
        assertThat(until.body()).doesNotContain("1000000000").contains("9999-12-31T23:59:59.999999Z");
        nothingChanged();
    }

    @Test
    void aDelegationMayRunAtMostTenYears() {
        Instant now = clock.instant();
        Api.Response refused = delegate(Map.of(
                        "delegate",
                        scene.dev,
                        "until",
                        now.plus(Duration.ofDays(3653 + 2)).toString()))
                .expect(400);

        assertThat(issues(refused)).containsExactly("until:too_far_ahead");
        assertThat(delegate(Map.of("delegate", scene.dev, "until", "9000-01-01T00:00:00Z"))
                        .expect(400)
                        .body())
                .contains("too_far_ahead");
        nothingChanged();
    }

    @Test
    void aTokenExpiringBeyondTheRangeOrMoreThanTenYearsAheadIsRefused() {
        Api.Response far = api.as(scene.devToken)
                .post("/api/v1/users/" + scene.dev + "/tokens", Api.json(Map.of("name", "far", "expiresAt", FAR)))
                .expect(400);
        Api.Response distant = api.as(scene.devToken)
                .post(
                        "/api/v1/users/" + scene.dev + "/tokens",
                        Api.json(Map.of("name", "distant", "expiresAt", "2999-01-01T00:00:00Z")))
                .expect(400);

        assertThat(issues(far)).containsExactly("expiresAt:out_of_range");
        assertThat(issues(distant)).containsExactly("expiresAt:too_far_ahead");
        nothingChanged();
    }

    @Test
    void listFiltersBeyondTheRangeAreRefusedOnTheirParameter() {
        assertThat(issues(rawGet("/api/v1/requests?from=%2B1000000000-01-01T00:00:00Z")
                        .expect(400)))
                .containsExactly("from:out_of_range");
        assertThat(issues(rawGet("/api/v1/requests?to=-1000000000-01-01T00:00:00Z")
                        .expect(400)))
                .containsExactly("to:out_of_range");
        assertThat(issues(rawGet("/api/v1/audit?from=%2B1000000000-01-01T00:00:00Z")
                        .expect(400)))
                .containsExactly("from:out_of_range");
        assertThat(issues(rawGet("/api/v1/audit/export?to=-1000000000-01-01T00:00:00Z")
                        .expect(400)))
                .containsExactly("to:out_of_range");
        rawGet("/api/v1/requests?from=0001-01-01T00:00:00Z&to=9999-12-31T00:00:00Z")
                .expect(200);
    }
}
