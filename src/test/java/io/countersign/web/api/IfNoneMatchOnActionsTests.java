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
 * {@code If-None-Match} on a {@code POST} that acts on an existing object (a decision, a revocation, an
 * extension, a test of the mail settings): {@code *} asks that nothing exist there, which such an action
 * can never meet, so it is refused with 412 before anything runs, as on a {@code PUT} or {@code DELETE};
 * a listed tag names no version these objects have, so it holds.
 */
@CountersignTest
class IfNoneMatchOnActionsTests {

    @Autowired
    Api api;

    @Test
    void anIfNoneMatchStarOnAnActionIsRefusedWith412AndChangesNothing() {
        Scene scene = new Scene(api);
        String ownRequest = scene.request(api);
        String grant = "/api/v1/grants/" + scene.grant;

        List<Api.Response> answers = List.of(
                api.as(scene.lisaToken)
                        .call(HttpMethod.POST, decision(scene.pendingRequest, "approve"), "{}", "If-None-Match", "*"),
                api.as(scene.lisaToken)
                        .call(HttpMethod.POST, decision(scene.pendingRequest, "reject"), "{}", "If-None-Match", "*"),
                api.as(scene.devToken)
                        .call(HttpMethod.POST, decision(ownRequest, "cancel"), "{}", "If-None-Match", "*"),
                api.as(scene.devToken).call(HttpMethod.POST, grant + "/extend", "{}", "If-None-Match", "*"),
                api.asAdmin().call(HttpMethod.POST, grant + "/revoke", "{}", "If-None-Match", "*"),
                api.asAdmin()
                        .call(
                                HttpMethod.POST,
                                "/api/v1/settings/mail/test",
                                Api.json(Map.of("to", "ops@example.com")),
                                "If-None-Match",
                                "*"));

        for (Api.Response answer : answers) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(412);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.json().get("detail").asString()).contains("If-None-Match", "Nothing was changed");
        }
        assertThat(api.status(scene.pendingRequest)).isEqualTo("PENDING");
        assertThat(api.status(ownRequest)).isEqualTo("PENDING");
        assertThat(api.asAdmin().get(grant).expect(200).json().get("status").asString())
                .isNotEqualTo("REVOKED");
    }

    @Test
    void anIfNoneMatchStarOnAnActionOnAnObjectThatDoesNotExistIsRefusedAlike() {
        var approved =
                api.asAdmin().call(HttpMethod.POST, decision("req-absent", "approve"), "{}", "If-None-Match", "*");

        // refused before anything looks the object up, so the answer tells nothing of it either
        assertThat(approved.status()).isEqualTo(412);
    }

    @Test
    void aTagInIfNoneMatchOnAnActionHoldsAndOneThatCannotBeReadIsABadRequest() {
        Scene scene = new Scene(api);
        String other = scene.request(api);

        var garbled =
                api.as(scene.lisaToken).call(HttpMethod.POST, decision(other, "approve"), "{}", "If-None-Match", "1-1");
        var tagged = api.as(scene.lisaToken)
                .call(HttpMethod.POST, decision(scene.pendingRequest, "approve"), "{}", "If-None-Match", "\"1-1\"");

        assertThat(garbled.status()).isEqualTo(400);
        assertThat(garbled.body()).contains("If-None-Match", "invalid_value");
        assertThat(api.status(other)).isEqualTo("PENDING");
        assertThat(tagged.status()).as(tagged.body()).isEqualTo(200);
        assertThat(api.status(scene.pendingRequest)).isEqualTo("APPROVED");
    }

    private static String decision(String request, String action) {
        return "/api/v1/requests/" + request + "/" + action;
    }
}
