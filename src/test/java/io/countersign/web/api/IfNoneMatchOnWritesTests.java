package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;

/**
 * {@code If-None-Match} on a write (RFC 9110, 13.1.2): {@code *} asks that nothing exist at the address,
 * a listed tag that the object not have that version. Where the object exists and has it, the write is
 * refused with 412 and changes nothing; no {@code PUT} here creates, so on an absent object the write
 * answers its own 404.
 */
@CountersignTest
class IfNoneMatchOnWritesTests extends ConfigurationObjectsTestBase {

    @ParameterizedTest
    @ValueSource(strings = {"users", "groups", "resources", "policies", "webhooks"})
    void anIfNoneMatchStarOnAnExistingObjectIsRefusedWith412AndChangesNothing(String kind) {
        String path = "/api/v1/" + kind + "/" + create(kind, Api.unique("exists"));
        var read = api.asAdmin().get(path).expect(200);

        var changed = change(kind, path, read.body(), "*");
        var deleted = api.asAdmin().call(HttpMethod.DELETE, path, null, "If-None-Match", "*");

        assertThat(changed.status()).isEqualTo(412);
        assertThat(changed.contentType()).isEqualTo("application/problem+json");
        assertThat(changed.json().get("detail").asString()).contains("If-None-Match", "Nothing was changed");
        assertThat(deleted.status()).isEqualTo(412);
        assertThat(deleted.contentType()).isEqualTo("application/problem+json");
        var after = api.asAdmin().get(path).expect(200);
        assertThat(after.header("ETag")).isEqualTo(read.header("ETag"));
        assertThat(after.body()).isEqualTo(read.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"users", "groups", "resources", "policies"})
    void anIfNoneMatchNamingTheCurrentTagStrongOrWeakIsRefusedAndAnotherTagProceeds(String kind) {
        String path = "/api/v1/" + kind + "/" + create(kind, Api.unique("tagged"));
        var read = api.asAdmin().get(path).expect(200);
        String etag = read.header("ETag");

        var current = change(kind, path, read.body(), etag);
        var weak = change(kind, path, read.body(), "\"0-0\", W/" + etag);
        var other = change(kind, path, read.body(), "\"0-0\"");

        assertThat(current.status()).isEqualTo(412);
        assertThat(weak.status()).isEqualTo(412);
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.header("ETag")).isEqualTo(etag);
    }

    @Test
    void anIfNoneMatchStarOnAnObjectThatDoesNotExistIsNotFound() {
        String absent = Api.unique("absent");

        var replaced = api.asAdmin().call(HttpMethod.PUT, "/api/v1/resources/" + absent, "{}", "If-None-Match", "*");
        var deleted = api.asAdmin().call(HttpMethod.DELETE, "/api/v1/groups/" + absent, null, "If-None-Match", "*");

        assertThat(replaced.status()).isEqualTo(404);
        assertThat(deleted.status()).isEqualTo(404);
    }

    /** Levels and a user's tokens carry no version, and always or already exist where they are written. */
    @Test
    void anIfNoneMatchStarOnAnObjectWithoutVersionsIsRefusedWith412AndChangesNothing() {
        String levels = api.asAdmin().get("/api/v1/levels").expect(200).body();
        String user = create("users", Api.unique("holder"));
        String tokenId = api.asAdmin()
                .post("/api/v1/users/" + user + "/tokens", Api.json(Map.of("name", "laptop")))
                .expect(201)
                .json()
                .get("id")
                .asString();

        var replaced = api.asAdmin().call(HttpMethod.PUT, "/api/v1/levels", levels, "If-None-Match", "*");
        var revoked = api.asAdmin()
                .call(HttpMethod.DELETE, "/api/v1/users/" + user + "/tokens/" + tokenId, null, "If-None-Match", "*");
        var tagged = api.asAdmin().call(HttpMethod.PUT, "/api/v1/levels", levels, "If-None-Match", "\"1-1\"");

        assertThat(replaced.status()).isEqualTo(412);
        assertThat(replaced.contentType()).isEqualTo("application/problem+json");
        assertThat(revoked.status()).isEqualTo(412);
        assertThat(api.asAdmin()
                        .get("/api/v1/users/" + user + "/tokens")
                        .expect(200)
                        .body())
                .contains(tokenId);
        // no tag can name a version such an object does not have: the condition holds
        assertThat(tagged.status()).isEqualTo(200);
        assertThat(api.asAdmin().get("/api/v1/levels").expect(200).body()).isEqualTo(levels);
    }

    /** A webhook's version moves when a secret is added; its replacement by PUT is not offered. */
    private Api.Response change(String kind, String path, String body, String ifNoneMatch) {
        if (kind.equals("webhooks")) {
            return api.asAdmin()
                    .call(
                            HttpMethod.POST,
                            path + "/secrets",
                            Api.json(Map.of("secret", SECRET.toUpperCase())),
                            "If-None-Match",
                            ifNoneMatch);
        }
        return api.asAdmin().call(HttpMethod.PUT, path, body, "If-None-Match", ifNoneMatch);
    }
}
