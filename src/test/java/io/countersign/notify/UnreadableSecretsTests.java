package io.countersign.notify;

import static io.countersign.notify.WebhookFixtures.attempted;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.notify.internal.SecretContext;
import io.countersign.shared.secrets.EncryptionProperties;
import io.countersign.shared.secrets.SecretCipher;
import io.countersign.testing.Api;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A webhook secret stored by an instance with another key, as when instances sharing a database were
 * started with different keys: health shows it, and the attempts it cannot sign are counted.
 */
@WebhookTest
class UnreadableSecretsTests extends WebhookReceiverTestBase {

    static final String SECRET = "first-secret-0123456789";
    static final SecretCipher OTHER_INSTANCE = new SecretCipher(new EncryptionProperties(
            Base64.getEncoder().encodeToString("another-instance-key-of-32-bytes".getBytes()), null));

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSecretStoredWithAnotherKeyTurnsTheSecretsComponentDownWhileLivenessAndReadinessStayUp() {
        String webhook = fixtures.create(receiver.url(), SECRET, "request.created");
        assertThat(api.asAdmin()
                        .get("/actuator/health/secrets")
                        .expect(200)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("UP");

        storedByAnotherInstance(webhook);

        var secrets = api.asAdmin().get("/actuator/health/secrets");
        assertThat(secrets.status()).isEqualTo(503);
        assertThat(secrets.json().get("status").asString()).isEqualTo("DOWN");
        assertThat(secrets.json().get("details").get("undecryptable").asInt()).isEqualTo(1);
        assertThat(secrets.body()).doesNotContain(SECRET);
        assertThat(api.anonymous().get("/actuator/health").status()).isEqualTo(503);
        api.anonymous().get("/actuator/health/liveness").expect(200);
        api.anonymous().get("/actuator/health/readiness").expect(200);
    }

    @Test
    void everyAttemptThatCannotBeSignedIsCounted() {
        String webhook = fixtures.create(receiver.url(), SECRET, "request.created");
        storedByAnotherInstance(webhook);
        double before = failures();

        fixtures.publish(TestEvent.request("request.created", "req-unsigned0001"));
        fixtures.awaitEveryDelivery(webhook, attempted(1));

        assertThat(failures()).isGreaterThanOrEqualTo(before + 1);
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void theWebhookSaysWhichOfItsSecretsThisInstanceCannotReadSoThatTheyCanBeDeleted() {
        String webhook = fixtures.create(receiver.url(), SECRET, "request.created");
        storedByAnotherInstance(webhook);
        api.asAdmin()
                .post(
                        "/api/v1/webhooks/" + webhook + "/secrets",
                        Api.json(Map.of("secret", "second-secret-0123456789")))
                .expect(201);

        var secrets = api.asAdmin()
                .get("/api/v1/webhooks/" + webhook)
                .expect(200)
                .json()
                .get("secrets");

        assertThat(secrets.get(0).get("number").asInt()).isEqualTo(1);
        assertThat(secrets.get(0).get("readable").asBoolean()).isFalse();
        assertThat(secrets.get(1).get("number").asInt()).isEqualTo(2);
        assertThat(secrets.get(1).get("readable").asBoolean()).isTrue();
    }

    private void storedByAnotherInstance(String webhook) {
        jdbc.sql("update webhook_secrets set ciphertext = ? where webhook_id = ? and secret_number = 1")
                .params(OTHER_INSTANCE.encrypt(SECRET, SecretContext.of(webhook, 1)), webhook)
                .update();
    }

    private double failures() {
        return api.asAdmin()
                .get("/actuator/metrics/countersign.webhooks.signing.failures")
                .expect(200)
                .json()
                .get("measurements")
                .get(0)
                .get("value")
                .asDouble();
    }
}
