package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The liveness and readiness probes answer whatever {@code Authorization} a probe sends: one configured
 * with a token revoked since must not fail liveness and get a healthy instance restarted. The full
 * health, which shows an administrator's token the details, refuses an unknown token as every call does.
 */
@CountersignTest
class ProbeTokenTests {

    @Autowired
    Api api;

    @Test
    void theProbesIgnoreAnUnknownOrRevokedToken() {
        String user = api.person("prober", "ADMIN", "a-long-enough-password-1");
        var issued = api.asAdmin()
                .post("/api/v1/users/" + user + "/tokens", Api.json(Map.of("name", "probe")))
                .expect(201)
                .json();
        String revoked = issued.get("token").asString();
        api.asAdmin()
                .delete("/api/v1/users/" + user + "/tokens/" + issued.get("id").asString())
                .expect(204);

        for (String token : new String[] {revoked, "cs_unknown-token-0123456789abcdef0123"}) {
            for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
                var answer = api.as(token).get(probe);
                assertThat(answer.status()).as(probe).isEqualTo(200);
                assertThat(answer.json().get("status").asString()).isEqualTo("UP");
            }
            assertThat(api.as(token).get("/actuator/health").status()).isEqualTo(401);
        }
    }

    @Test
    void anAdministratorsValidTokenStillShowsWhatReadinessWaitsFor() {
        assertThat(api.asAdmin().get("/actuator/health/readiness").json().has("components"))
                .isTrue();
        assertThat(api.anonymous().get("/actuator/health/readiness").json().has("components"))
                .isFalse();
    }

    @Test
    void livenessIgnoresEvenTwoAuthorizationHeaders() {
        var answer = api.anonymous()
                .call(
                        org.springframework.http.HttpMethod.GET,
                        "/actuator/health/liveness",
                        null,
                        "Authorization",
                        "Bearer one-0123456789abcdef0123456789",
                        "Authorization",
                        "Bearer two-0123456789abcdef0123456789");
        assertThat(answer.status()).isEqualTo(200);
    }
}
