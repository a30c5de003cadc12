package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;

/**
 * What a conditional call is answered when its condition cannot be read, names an object that does
 * not exist, or asks whether any version exists: each in the words of what really happened.
 */
@CountersignTest
class PreconditionAnswersTests extends ConfigurationObjectsTestBase {

    @ParameterizedTest
    @ValueSource(strings = {"users", "groups", "resources", "policies", "webhooks"})
    void anIfMatchThatIsNoEntityTagIsABadRequestAndChangesNothing(String kind) {
        String path = "/api/v1/" + kind + "/" + create(kind, Api.unique("garbled"));
        String etag = api.asAdmin().get(path).header("ETag");

        var garbage = api.asAdmin().call(HttpMethod.DELETE, path, null, "If-Match", "garbage");
        var unquoted = api.asAdmin().call(HttpMethod.DELETE, path, null, "If-Match", etag.replace("\"", ""));

        assertThat(Api.issues(garbage.expect(400))).containsExactly("If-Match:invalid_value");
        assertThat(garbage.body()).doesNotContain("changed since");
        assertThat(unquoted.status()).isEqualTo(400);
        assertThat(api.asAdmin().get(path).expect(200).header("ETag")).isEqualTo(etag);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "\"unclosed", "3-lw5k2q", "*, \"1-1\""})
    void anIfNoneMatchThatIsNoEntityTagIsABadRequestOnEveryMethodAndChangesNothing(String value) {
        String path = "/api/v1/resources/" + create("resources", Api.unique("garbledinm"));
        var read = api.asAdmin().get(path).expect(200);

        var got = api.asAdmin().call(HttpMethod.GET, path, null, "If-None-Match", value);
        var put = api.asAdmin().call(HttpMethod.PUT, path, read.body(), "If-None-Match", value);
        var deleted = api.asAdmin().call(HttpMethod.DELETE, path, null, "If-None-Match", value);
        var listed = api.asAdmin().call(HttpMethod.GET, "/api/v1/levels", null, "If-None-Match", value);
        var checked = api.asAdmin()
                .call(
                        HttpMethod.GET,
                        "/api/v1/access/check?user=admin&resource="
                                + read.json().get("name").asString() + "&account=admin",
                        null,
                        "If-None-Match",
                        value);

        for (var answer : List.of(got, put, deleted, listed, checked)) {
            assertThat(Api.issues(answer.expect(400))).as(value).containsExactly("If-None-Match:invalid_value");
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
        }
        assertThat(api.asAdmin().get(path).expect(200).header("ETag")).isEqualTo(read.header("ETag"));
    }

    @Test
    void bothConditionsUnreadableAreNamedTogether() {
        String levels = api.asAdmin().get("/api/v1/levels").expect(200).body();

        var refused = api.asAdmin()
                .call(HttpMethod.PUT, "/api/v1/levels", levels, "If-Match", "garbage", "If-None-Match", "garbage");

        assertThat(Api.issues(refused.expect(400)))
                .containsExactlyInAnyOrder("If-Match:invalid_value", "If-None-Match:invalid_value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"If-Match: *", "If-Match: \"1-1\""})
    void anIfMatchOnAnObjectThatNoLongerExistsIsNotFound(String header) {
        String name = create("users", Api.unique("gone"));
        String value = header.substring(header.indexOf(' ') + 1);
        api.asAdmin().delete("/api/v1/users/" + name).expect(204);

        var deleted = api.asAdmin().call(HttpMethod.DELETE, "/api/v1/users/" + name, null, "If-Match", value);
        var replaced =
                api.asAdmin().call(HttpMethod.PUT, "/api/v1/resources/" + Api.unique("never"), "{}", "If-Match", value);

        assertThat(deleted.status()).isEqualTo(404);
        assertThat(deleted.json().get("detail").asString()).contains(name).doesNotContain("changed since");
        assertThat(replaced.status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"users", "groups", "resources", "policies", "webhooks"})
    void anIfNoneMatchStarOnAnExistingObjectIsNotModified(String kind) {
        String path = "/api/v1/" + kind + "/" + create(kind, Api.unique("cached"));
        String etag = api.asAdmin().get(path).header("ETag");

        var star = api.asAdmin().call(HttpMethod.GET, path, null, "If-None-Match", "*");
        var current = api.asAdmin().call(HttpMethod.GET, path, null, "If-None-Match", etag);
        var other = api.asAdmin().call(HttpMethod.GET, path, null, "If-None-Match", "\"1-1\"");

        assertThat(star.status()).isEqualTo(304);
        assertThat(star.header("ETag")).isEqualTo(etag);
        assertThat(current.status()).isEqualTo(304);
        assertThat(other.status()).isEqualTo(200);
        assertThat(api.asAdmin()
                        .call(
                                HttpMethod.GET,
                                "/api/v1/" + kind + "/" + Api.unique("absent"),
                                null,
                                "If-None-Match",
                                "*")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anEmptyElementOfAListOfTagsIsSkippedAsHttpListsAsk() {
        String path = "/api/v1/groups/" + create("groups", Api.unique("listed"));
        String etag = api.asAdmin().get(path).header("ETag");
        String body = api.asAdmin().get(path).body();

        var trailing = api.asAdmin().call(HttpMethod.PUT, path, body, "If-Match", etag + ",");
        var between = api.asAdmin().call(HttpMethod.PUT, path, body, "If-Match", "\"1-1\", ," + etag);
        var stale = api.asAdmin().call(HttpMethod.DELETE, path, null, "If-Match", ", \"1-1\"");
        var cached = api.asAdmin().call(HttpMethod.GET, path, null, "If-None-Match", "\"1-1\",, " + etag + " ,");

        assertThat(trailing.status()).isEqualTo(200);
        assertThat(between.status()).isEqualTo(200);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(cached.status()).isEqualTo(304);
        assertThat(Api.issues(api.asAdmin().call(HttpMethod.DELETE, path, null, "If-Match", ", ,")))
                .containsExactly("If-Match:invalid_value");
        api.asAdmin().get(path).expect(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "\"unclosed", "*, \"1-1\""})
    void anUnreadableIfMatchOnAnObjectWithoutVersionsIsABadRequestToo(String value) {
        String levels = api.asAdmin().get("/api/v1/levels").expect(200).body();

        var refused =
                api.asAdmin().call(HttpMethod.PUT, "/api/v1/levels", Api.json(List.of("intern")), "If-Match", value);

        assertThat(Api.issues(refused.expect(400))).containsExactly("If-Match:invalid_value");
        assertThat(api.asAdmin().get("/api/v1/levels").expect(200).body()).isEqualTo(levels);
    }
}
