package io.countersign.audit;

import static io.countersign.testing.Api.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.shared.secrets.EncryptionProperties;
import io.countersign.shared.secrets.SecretCipher;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

/**
 * Signed checkpoints of the chain head: when they are taken, what they sign, that anyone can verify
 * them with the published key, and that only an instance that can decrypt the stored key signs.
 */
@CountersignTest
@ExtendWith(OutputCaptureExtension.class)
class AuditCheckpointSigningTests extends AuditCheckpointTestBase {

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SecretCipher cipher;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    AuditProperties properties;

    @Autowired
    AuditRows rows;

    @Autowired
    ChainReader reader;

    @Autowired
    CheckpointRows checkpointRows;

    @Autowired
    ApplicationEventPublisher events;

    @Test
    void aCheckpointSignsTheCurrentHeadAtAWholeSecond() {
        AuditCheckpoint checkpoint = checkpoints.record().orElseThrow();

        ChainHead head = tables.head();
        assertThat(checkpoint.events()).isEqualTo(head.lastId());
        assertThat(checkpoint.headHash()).isEqualTo(head.lastHash());
        assertThat(checkpoint.at()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        assertThat(checkpoint.keyId()).isEqualTo(checkpoints.publicKey().keyId());
        JsonNode newest = api.asAdmin()
                .get("/api/v1/audit/checkpoints")
                .expect(200)
                .json()
                .get("items")
                .get(0);
        assertThat(fieldNames(newest)).containsExactlyInAnyOrder("at", "events", "headHash", "keyId", "signature");
        assertThat(newest.get("events").asLong()).isEqualTo(head.lastId());
        assertThat(newest.get("headHash").asString()).isEqualTo(head.lastHash());
        assertThat(newest.get("signature").asString()).isEqualTo(checkpoint.signature());
    }

    @Test
    void checkpointsAreTakenEveryFifteenMinutesUnlessConfiguredOtherwise() {
        assertThat(properties.checkpointInterval()).isEqualTo(java.time.Duration.ofMinutes(15));
    }

    @Test
    void nothingIsRecordedWhileTheHeadHasNotMoved() {
        AuditCheckpoint first = checkpoints.record().orElseThrow();

        assertThat(checkpoints.record()).isEmpty();
        assertThat(checkpoints.list(null, "1").items()).containsExactly(first);
    }

    @Test
    void theSignatureVerifiesWithThePublishedKeyUsingOnlyTheJdk() throws Exception {
        checkpoints.record().orElseThrow();
        JsonNode key =
                api.asAdmin().get("/api/v1/audit/checkpoints/key").expect(200).json();
        JsonNode checkpoint = api.asAdmin()
                .get("/api/v1/audit/checkpoints?limit=1")
                .expect(200)
                .json()
                .get("items")
                .get(0);

        assertThat(key.get("algorithm").asString()).isEqualTo("Ed25519");
        assertThat(key.get("keyId").asString())
                .isEqualTo(checkpoint.get("keyId").asString());
        PublicKey publicKey = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(
                        Base64.getDecoder().decode(key.get("publicKey").asString())));
        String pemBody = key.get("publicKeyPem")
                .asString()
                .replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        assertThat(pemBody).isEqualTo(key.get("publicKey").asString());
        String statement =
                "countersign-audit-checkpoint-v1 at=" + checkpoint.get("at").asString() + " events="
                        + checkpoint.get("events").asLong() + " headHash="
                        + checkpoint.get("headHash").asString();
        byte[] signature =
                Base64.getDecoder().decode(checkpoint.get("signature").asString());

        assertThat(verifies(publicKey, statement, signature)).isTrue();
        assertThat(verifies(publicKey, statement.replace(" events=", " events=1"), signature))
                .isFalse();
    }

    @Test
    void anotherInstanceSignsWithTheSameStoredKeyAndOneWithAnotherEncryptionKeyCannotSign() {
        CheckpointKey ours = checkpoints.publicKey();
        var sameKey = new CheckpointSigner(jdbc, cipher, clock, transactions);
        var otherKey = new CheckpointSigner(
                jdbc,
                new SecretCipher(new EncryptionProperties("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", null)),
                clock,
                transactions);

        assertThat(sameKey.publicKey()).isEqualTo(ours);
        assertThatThrownBy(otherKey::publicKey).isInstanceOf(SecretCipher.UndecryptableSecretException.class);
        assertThat(jdbc.sql("select count(*) from audit_signing_key")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select private_key from audit_signing_key")
                        .query(String.class)
                        .single())
                .startsWith("v1:")
                .doesNotContain(ours.publicKey());
    }

    @Test
    void aSigningKeyThisInstanceCannotDecryptRefusesTheCheckpointWithAnErrorAndCountsIt(CapturedOutput output) {
        checkpoints.publicKey();
        var rotated = new CheckpointSigner(
                jdbc,
                new SecretCipher(new EncryptionProperties("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", null)),
                clock,
                transactions);
        MeterRegistry ownMeters = new SimpleMeterRegistry();
        var afterRotation =
                new AuditCheckpoints(rows, reader, checkpointRows, rotated, events, clock, transactions, ownMeters);

        assertThat(afterRotation.record()).isEmpty();

        assertThat(ownMeters
                        .get("countersign.audit.checkpoints.refused")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(output.getOut().lines().filter(line -> line.contains(" ERROR ")))
                .anySatisfy(line -> assertThat(line)
                        .contains("Not signing an audit checkpoint", "cannot be decrypted", "rotating-secrets.md"));
        String privateKey = jdbc.sql("select private_key from audit_signing_key")
                .query(String.class)
                .single();
        assertThat(output.getAll()).doesNotContain(privateKey.substring(3));
    }

    @Test
    void theStoredSigningKeyIsListedAmongTheSecretsThisInstanceMustDecrypt() {
        checkpoints.publicKey();
        var signer = new CheckpointSigner(jdbc, cipher, clock, transactions);
        var otherCipher =
                new SecretCipher(new EncryptionProperties("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", null));

        assertThat(signer.kind()).isEqualTo("audit signing key");
        assertThat(signer.sealedSecrets()).singleElement().satisfies(secret -> {
            assertThat(cipher.decrypt(secret.ciphertext(), secret.context())).isNotBlank();
            assertThatThrownBy(() -> otherCipher.decrypt(secret.ciphertext(), secret.context()))
                    .isInstanceOf(SecretCipher.UndecryptableSecretException.class);
        });
    }

    private static boolean verifies(PublicKey key, String statement, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(statement.getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(signature);
    }
}
