package io.countersign.instances;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.security.ApiTokens;
import io.countersign.shared.Actor;
import io.countersign.testing.Api;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two instances on one PostgreSQL database: what one decides about a token or its user applies on the
 * other from the moment the change is acknowledged, while the other answers the token's calls from
 * several threads and so keeps it in its authentication cache, on its main port and on its listener
 * for enforcement points alike.
 */
class TokenPropagationTests extends TwoInstancesTestBase {

    private static final String CHECK = "/api/v1/access/check?user=dev&resource=db&account=root";

    @BeforeAll
    static void start() {
        startOnOneDatabase("--countersign.check-listener.port=0");
    }

    /** Where b is asked. */
    enum Port {
        MAIN {
            @Override
            int check(String token) {
                return b.get(token, CHECK).status();
            }
        },
        CHECK_LISTENER {
            @Override
            int check(String token) {
                return b.getFromCheckListener(token, CHECK).status();
            }
        };

        abstract int check(String token);
    }

    private static Map<String, Object> user(String name, String role, boolean active) {
        return Map.of("username", name, "email", name + "@example.com", "role", role, "active", active);
    }

    /** The statuses of b's checks with {@code token} asked after {@code change} was acknowledged on a. */
    private static List<Integer> checksOnBAfter(Port port, String token, Runnable change) throws Exception {
        ProbesUnderLoad<Integer> load = new ProbesUnderLoad<>(6, 60, 200);
        load.run(() -> port.check(token), change);
        assertThat(load.before()).contains(200);
        return load.after();
    }

    private static String tokenIdOf(String username, String token) {
        return a.get(token, "/api/v1/users/" + username + "/tokens")
                .expect(200)
                .json()
                .get(0)
                .get("id")
                .asString();
    }

    @ParameterizedTest
    @EnumSource(Port.class)
    void aTokenRevokedOnOneInstanceIsRefusedByTheOtherOnceTheRevokeIsAcknowledged(Port port) throws Exception {
        String gateway = Api.unique("gateway");
        String token = a.user(gateway, "ENFORCER");
        String id = tokenIdOf(gateway, token);

        List<Integer> after = checksOnBAfter(
                port,
                token,
                () -> a.asAdmin("DELETE", "/api/v1/users/" + gateway + "/tokens/" + id, null)
                        .expect(204));

        assertThat(after).isNotEmpty().containsOnly(401);
    }

    @ParameterizedTest
    @EnumSource(Port.class)
    void aUserDeactivatedOnOneInstanceIsRefusedByTheOtherOnceTheChangeIsAcknowledged(Port port) throws Exception {
        String gateway = Api.unique("gateway");
        String token = a.user(gateway, "ENFORCER");

        List<Integer> after = checksOnBAfter(
                port,
                token,
                () -> a.asAdmin("PUT", "/api/v1/users/" + gateway, user(gateway, "ENFORCER", false))
                        .expect(200));

        assertThat(after).isNotEmpty().containsOnly(401);
    }

    @ParameterizedTest
    @EnumSource(Port.class)
    void aUserDeletedOnOneInstanceIsRefusedByTheOtherOnceTheDeletionIsAcknowledged(Port port) throws Exception {
        String gateway = Api.unique("gateway");
        String token = a.user(gateway, "ENFORCER");

        List<Integer> after = checksOnBAfter(
                port,
                token,
                () -> a.asAdmin("DELETE", "/api/v1/users/" + gateway, null).expect(204));

        assertThat(after).isNotEmpty().containsOnly(401);
    }

    @ParameterizedTest
    @EnumSource(Port.class)
    void aRoleChangedOnOneInstanceAppliesOnTheOtherOnceTheChangeIsAcknowledged(Port port) throws Exception {
        String gateway = Api.unique("gateway");
        String token = a.user(gateway, "ENFORCER");

        List<Integer> after = checksOnBAfter(
                port,
                token,
                () -> a.asAdmin("PUT", "/api/v1/users/" + gateway, user(gateway, "USER", true))
                        .expect(200));

        assertThat(after).isNotEmpty().containsOnly(403);
    }

    private static double heldOnA() {
        return a.counter("countersign.access.withdrawals.held");
    }

    @Test
    void aRevokeHoldsItsAcknowledgementAndAnIssueDoesNot() {
        String dev = Api.unique("dev");
        String token = a.user(dev, "USER");
        String id = tokenIdOf(dev, token);
        double before = heldOnA();

        a.asAdmin("POST", "/api/v1/users/" + dev + "/tokens", Map.of("name", "second"))
                .expect(201);
        assertThat(heldOnA()).as("a token issued").isEqualTo(before);

        a.asAdmin("DELETE", "/api/v1/users/" + dev + "/tokens/" + id, null).expect(204);
        assertThat(heldOnA()).as("a token revoked").isEqualTo(before + 1);
        assertThat(b.get(token, "/api/v1/users/" + dev).status()).isEqualTo(401);
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
