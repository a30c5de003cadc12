package io.countersign.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.security.ApiTokens;
import io.countersign.shared.Actor;
import io.countersign.testing.Api;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one PostgreSQL database: what one decides about a token or its user applies on the
 * other within one second, however busy the other keeps its authentication cache.
 */
class TokenPropagationTests extends TwoInstancesTestBase {

    /** The promise is one second; the margin covers polling and scheduling on a busy machine. */
    private static final Duration WITHIN_A_SECOND = Duration.ofMillis(1500);

    @BeforeAll
    static void start() {
        startOnOneDatabase();
    }

    private static int status(Instance on, String token, String method, String path, Object body) {
        return on.send(token, method, path, body).join().status();
    }

    private static void awaitStatus(Instance on, String token, String path, int expected) {
        await().atMost(WITHIN_A_SECOND)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> status(on, token, "GET", path, null) == expected);
    }

    private static Map<String, Object> user(String name, String role, boolean active) {
        return Map.of("username", name, "email", name + "@example.com", "role", role, "active", active);
    }

    @Test
    void aTokenRevokedOnOneInstanceIsRefusedByTheOtherWithinASecond() {
        String dev = Api.unique("dev");
        String token = a.user(dev, "USER");
        String self = "/api/v1/users/" + dev;
        b.get(token, self).expect(200);
        String id = a.get(token, self + "/tokens")
                .expect(200)
                .json()
                .get(0)
                .get("id")
                .asString();

        assertThat(status(a, token, "DELETE", self + "/tokens/" + id, null)).isEqualTo(204);

        assertThat(status(a, token, "GET", self, null)).isEqualTo(401);
        awaitStatus(b, token, self, 401);
    }

    @Test
    void aUserDeactivatedOnOneInstanceIsRefusedByTheOtherWithinASecond() {
        String dev = Api.unique("dev");
        String token = a.user(dev, "USER");
        String self = "/api/v1/users/" + dev;
        b.get(token, self).expect(200);

        a.asAdmin("PUT", self, user(dev, "USER", false)).expect(200);

        awaitStatus(b, token, self, 401);
    }

    @Test
    void aRoleChangedOnOneInstanceAppliesOnTheOtherWithinASecond() {
        String gateway = Api.unique("gateway");
        String token = a.user(gateway, "ENFORCER");
        String check = "/api/v1/access/check?user=dev&resource=db&account=root";
        b.get(token, check).expect(200);

        a.asAdmin("PUT", "/api/v1/users/" + gateway, user(gateway, "USER", true))
                .expect(200);

        awaitStatus(b, token, check, 403);
    }

    @Test
    void aTokenRefusedBeforeItExistedWorksOnTheOtherInstanceAtOnce() {
        String dev = Api.unique("dev");
        a.user(dev, "USER");
        String preset = "cs_preset-" + UUID.randomUUID();
        String self = "/api/v1/users/" + dev;
        b.get(preset, self).expect(401);

        a.bean(ApiTokens.class).register(Actor.system(), dev, "preset", preset);

        b.get(preset, self).expect(200);
    }
}
