package io.countersign.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * A holder whose connection dropped while asking for more time retries with the same
 * {@code Idempotency-Key}: the retry learns which extension request the first call opened, instead of
 * being told an extension is already pending, and nothing more is opened.
 */
@CountersignTest
class IdempotentExtensionTests extends DevWithATokenTestBase {

    String lisaToken;

    @BeforeEach
    void policy() {
        String lisa = newUser("lisa");
        lisaToken = api.tokenFor(lisa);
        extensiblePolicy(lisa);
    }

    private String grant() {
        return approvedGrant(lisaToken, Map.of("duration", "PT2H")).get("id").asString();
    }

    private Api.Response extend(String grantId, String body, String key) {
        return api.as(devToken)
                .call(HttpMethod.POST, "/api/v1/grants/" + grantId + "/extend", body, "Idempotency-Key", key);
    }

    private long extensionsOf(String grantId) {
        return jdbc.sql("select count(*) from access_requests where extends_grant_id = ?")
                .param(grantId)
                .query(Long.class)
                .single();
    }

    @Test
    void aRetriedExtensionGetsTheRequestTheFirstCallOpened() {
        String grant = grant();
        String key = Api.unique("extend");
        String body = Api.json(Map.of("duration", "PT1H", "justification", "the migration runs long"));

        var first = extend(grant, body, key).expect(201);
        var retry = extend(grant, "{\n \"justification\" : \"the migration runs long\", \"duration\": \"PT1H\"}", key);

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.header("Location"))
                .isEqualTo(first.header("Location"))
                .isEqualTo("/api/v1/requests/" + first.json().get("id").asString());
        assertThat(extensionsOf(grant)).isEqualTo(1);
        // without the key the same retry is refused: an extension is already pending
        api.as(devToken).post("/api/v1/grants/" + grant + "/extend", body).expect(409);
    }

    @Test
    void theKeyWithAnotherDurationOrAnotherGrantIsRefusedAndOpensNothing() {
        String grant = grant();
        String other = grant();
        String key = Api.unique("extend");
        extend(grant, Api.json(Map.of("duration", "PT1H")), key).expect(201);

        var otherDuration = extend(grant, Api.json(Map.of("duration", "PT2H")), key);
        var otherGrant = extend(other, Api.json(Map.of("duration", "PT1H")), key);

        assertThat(otherDuration.status()).isEqualTo(422);
        assertThat(otherDuration.json().get("reason").asString()).isEqualTo("idempotency_key_reused");
        assertThat(otherGrant.status()).isEqualTo(422);
        assertThat(extensionsOf(grant)).isEqualTo(1);
        assertThat(extensionsOf(other)).isZero();
    }

    @Test
    void aRefusedExtensionIsAnsweredTheSameOnRetry() {
        String grant = grant();
        String key = Api.unique("extend");
        String beyondTheLimit = Api.json(Map.of("duration", "PT5H"));

        var first = extend(grant, beyondTheLimit, key);
        var retry = extend(grant, beyondTheLimit, key);

        assertThat(first.status()).isBetween(400, 499);
        assertThat(retry.status()).isEqualTo(first.status());
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(extensionsOf(grant)).isZero();
    }
}
