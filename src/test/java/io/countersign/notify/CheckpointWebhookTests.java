package io.countersign.notify;

import static io.countersign.notify.WebhookFixtures.inState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.audit.AuditCheckpoint;
import io.countersign.audit.AuditCheckpoints;
import io.countersign.notify.internal.Signatures;
import io.countersign.testing.Api;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The {@code audit.checkpoint} webhook event: the signed chain head, delivered outside the database. */
@WebhookTest
class CheckpointWebhookTests extends WebhookReceiverTestBase {

    static final String SECRET = "checkpoint-secret-0123456789";

    @Autowired
    AuditCheckpoints checkpoints;

    @Autowired
    Api api;

    @Test
    void aSubscriberReceivesEachCheckpointSignedAndVerifiableWithThePublishedKey() throws Exception {
        fixtures.create(receiver.url(), SECRET, "audit.checkpoint");
        fixtures.publish(TestEvent.request("request.created", "req-cccc0001"));

        AuditCheckpoint checkpoint = checkpoints.record().orElseThrow();
        fixtures.awaitReceived(receiver, 1);

        Receiver.Received received = receiver.received().get(0);
        assertThat(received.signature())
                .isEqualTo("v1=" + Signatures.sign(SECRET, Long.parseLong(received.timestamp()), received.body()));
        JsonNode body = received.json();
        assertThat(body.get("type").asString()).isEqualTo("audit.checkpoint");
        JsonNode data = body.get("data");
        assertThat(data.get("events").asLong()).isEqualTo(checkpoint.events());
        assertThat(data.get("headHash").asString()).isEqualTo(checkpoint.headHash());
        assertThat(data.get("at").asString()).isEqualTo(checkpoint.at().toString());
        assertThat(data.get("keyId").asString()).isEqualTo(checkpoint.keyId());
        assertThat(data.get("algorithm").asString()).isEqualTo("Ed25519");
        JsonNode key =
                api.asAdmin().get("/api/v1/audit/checkpoints/key").expect(200).json();
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(
                        Base64.getDecoder().decode(key.get("publicKey").asString()))));
        verifier.update(("countersign-audit-checkpoint-v1 at=" + data.get("at").asString() + " events="
                        + data.get("events").asLong() + " headHash="
                        + data.get("headHash").asString())
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(
                        Base64.getDecoder().decode(data.get("signature").asString())))
                .isTrue();
    }

    @Test
    void onlySubscribersOfTheCheckpointEventReceiveIt() {
        String requestsOnly = fixtures.create(receiver.url(), SECRET, "request.created");
        fixtures.publish(TestEvent.request("request.created", "req-cccc0002"));

        checkpoints.record().orElseThrow();

        assertThat(fixtures.rows(requestsOnly)).isEqualTo(1);
    }

    @Test
    void aCheckpointWhoseDeliveryDiesIsNotByItselfAReasonForTheNext() {
        receiver.down();
        String webhook = fixtures.create(receiver.url(), SECRET, "audit.checkpoint");
        fixtures.publish(TestEvent.request("request.created", "req-cccc0003"));
        AuditCheckpoint first = checkpoints.record().orElseThrow();
        fixtures.awaitReceived(receiver, 1);
        fixtures.awaitNothingDue();

        fixtures.advanceAndSettle(Duration.ofHours(25));
        fixtures.awaitEveryDelivery(webhook, inState("DEAD"));
        await().atMost(WebhookFixtures.PATIENCE)
                .until(() -> deadLetterReported(
                        fixtures.onlyDelivery(webhook).get("id").asString()));

        assertThat(checkpoints.record()).isEmpty();
        fixtures.advanceAndSettle(Duration.ofHours(1));
        assertThat(checkpoints.list(null, "10").items()).first().isEqualTo(first);
        assertThat(fixtures.rows(webhook)).isEqualTo(1);

        fixtures.publish(TestEvent.request("request.created", "req-cccc0004"));
        checkpoints.record();
        JsonNode verified =
                api.asAdmin().get("/api/v1/audit/verify").expect(200).json();
        assertThat(verified.get("valid").asBoolean()).isTrue();
        AuditCheckpoint next = checkpoints.list(null, "1").items().get(0);
        assertThat(next.events()).isEqualTo(verified.get("events").asLong()).isGreaterThan(first.events() + 1);
    }

    private boolean deadLetterReported(String deliveryId) {
        JsonNode items = api.asAdmin()
                .get("/api/v1/audit?action=webhook.delivery_dead&limit=100")
                .expect(200)
                .json()
                .get("items");
        return items.valueStream().anyMatch(e -> e.get("note").asString().startsWith("delivery " + deliveryId + " "));
    }
}
