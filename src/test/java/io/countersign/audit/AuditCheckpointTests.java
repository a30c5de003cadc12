package io.countersign.audit;

import static io.countersign.testing.Api.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.shared.secrets.EncryptionProperties;
import io.countersign.shared.secrets.SecretCipher;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

/**
 * Signed checkpoints of the chain head, and what they reveal that the chain alone cannot: the newest
 * events deleted with the head moved back, or a consistent rewrite. Each attack is put back afterwards.
 */
@CountersignTest
@Import(AuditFixtures.class)
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
        properties = {
            "countersign.audit.verify-batch-size=4",
            "countersign.encryption-key=" + AuditCheckpointTests.ENCRYPTION_KEY
        })
class AuditCheckpointTests {

    static final String ENCRYPTION_KEY = "q5m0Yq3v3dRQ0Jb0u7j8m3rOe8Jm1p2Xw4s7v9y2B5E=";

    @Autowired
    Api api;

    @Autowired
    AuditCheckpoints checkpoints;

    @Autowired
    AuditedChanges changes;

    @Autowired
    AuditTables tables;

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
    MeterRegistry meters;

    @Autowired
    AuditRows rows;

    @Autowired
    ChainReader reader;

    @Autowired
    CheckpointRows checkpointRows;

    @Autowired
    ApplicationEventPublisher events;

    private AuditTables.Snapshot untouched;

    @BeforeEach
    void theHeadHasMovedSinceTheLastCheckpoint() {
        changes.publish(SampleEvent.by(Api.unique("cora")));
        untouched = tables.snapshot();
    }

    @AfterEach
    void theChainIsPutBackAsItWas() {
        tables.restore(untouched);
    }

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
    void deletingTheNewestEventsAndRewindingTheHeadIsDetectedAgainstTheCheckpoint() {
        changes.publish(SampleEvent.by(Api.unique("dora")), SampleEvent.by(Api.unique("dora")));
        changes.publish(SampleEvent.by(Api.unique("dora")));
        AuditCheckpoint kept = checkpoints.record().orElseThrow();
        long keptUntil = kept.events() - 3;

        for (long id = kept.events(); id > keptUntil; id--) {
            tables.delete(id);
        }
        tables.setHead(keptUntil, tables.event(keptUntil).hash());

        JsonNode alone = verify("");
        assertThat(alone.get("valid").asBoolean())
                .as("the chain alone cannot tell")
                .isTrue();
        JsonNode against = verify("?events=" + kept.events() + "&headHash=" + kept.headHash());
        assertThat(against.get("valid").asBoolean()).isFalse();
        assertThat(against.get("reason").asString()).isEqualTo("checkpoint_missing");
        assertThat(against.get("firstBrokenEventId").asLong()).isEqualTo(keptUntil + 1);
        assertThat(against.get("events").asLong()).isEqualTo(keptUntil);
    }

    @Test
    void theServiceRefusesToSignAHeadThatWasMovedBackBehindItsLastCheckpoint() {
        AuditCheckpoint kept = checkpoints.record().orElseThrow();
        tables.delete(kept.events());
        tables.setHead(kept.events() - 1, tables.event(kept.events() - 1).hash());
        changes.publish(SampleEvent.by(Api.unique("edna")), SampleEvent.by(Api.unique("edna")));
        double refusedBefore = refused();

        assertThat(checkpoints.record()).isEmpty();
        assertThat(checkpoints.list(null, "1").items()).containsExactly(kept);
        assertThat(refused()).isEqualTo(refusedBefore + 1);
    }

    @Test
    void aConsistentRewriteUpToTheCheckpointIsDetectedAtTheCheckpointedEvent() {
        changes.publish(SampleEvent.by(Api.unique("fay")), SampleEvent.by(Api.unique("fay")));
        AuditCheckpoint kept = checkpoints.record().orElseThrow();
        long from = kept.events() - 1;
        String previous = tables.event(from - 1).hash();
        List<AuditRecord> forged = new ArrayList<>();
        for (long id = from; id <= kept.events(); id++) {
            AuditRecord event = tables.event(id);
            String note = id == from ? "nothing happened" : event.note();
            AuditRecord copy =
                    RecordBuilder.from(event).note(note).previousHash(previous).hashed();
            forged.add(copy);
            previous = copy.hash();
        }
        for (AuditRecord copy : forged) {
            tables.delete(copy.id());
            tables.insert(copy);
        }
        tables.setHead(kept.events(), previous);

        assertThat(verify("").get("valid").asBoolean())
                .as("the chain alone cannot tell")
                .isTrue();
        JsonNode against = verify("?events=" + kept.events() + "&headHash=" + kept.headHash());
        assertThat(against.get("valid").asBoolean()).isFalse();
        assertThat(against.get("reason").asString()).isEqualTo("checkpoint_mismatch");
        assertThat(against.get("firstBrokenEventId").asLong()).isEqualTo(kept.events());
        assertThat(checkpoints.record()).as("never signs a rewritten head").isEmpty();
    }

    @Test
    void anUntouchedChainVerifiesAgainstEveryCheckpoint() {
        AuditCheckpoint older = checkpoints.record().orElseThrow();
        changes.publish(SampleEvent.by(Api.unique("gil")));
        AuditCheckpoint newer = checkpoints.record().orElseThrow();

        for (AuditCheckpoint checkpoint : List.of(older, newer)) {
            JsonNode verdict = verify("?events=" + checkpoint.events() + "&headHash="
                    + checkpoint.headHash().toUpperCase());
            assertThat(verdict.get("valid").asBoolean()).isTrue();
            assertThat(verdict.get("events").asLong()).isEqualTo(tables.head().lastId());
        }
        assertThat(newer.events()).isGreaterThan(older.events());
    }

    @Test
    void checkpointsArePagedNewestFirstWithACursor() {
        List<AuditCheckpoint> recorded = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            changes.publish(SampleEvent.by(Api.unique("hal")));
            recorded.add(checkpoints.record().orElseThrow());
        }

        JsonNode first = api.asAdmin()
                .get("/api/v1/audit/checkpoints?limit=2")
                .expect(200)
                .json();
        JsonNode second = api.asAdmin()
                .get("/api/v1/audit/checkpoints?limit=2&cursor="
                        + first.get("nextCursor").asString())
                .expect(200)
                .json();

        assertThat(first.get("items").get(0).get("events").asLong())
                .isEqualTo(recorded.get(2).events());
        assertThat(first.get("items").get(1).get("events").asLong())
                .isEqualTo(recorded.get(1).events());
        assertThat(second.get("items").get(0).get("events").asLong())
                .isEqualTo(recorded.get(0).events());
    }

    @Test
    void badParametersAreRefusedWithAProblemNamingEachOfThem() {
        assertThat(problemFields("/api/v1/audit/verify?events=many&headHash=xyz"))
                .containsExactlyInAnyOrder("events", "headHash");
        assertThat(problemFields("/api/v1/audit/verify?events=0&headHash=" + "g".repeat(64)))
                .containsExactlyInAnyOrder("events", "headHash");
        assertThat(problemFields("/api/v1/audit/verify?events=5")).containsExactly("headHash");
        assertThat(problemFields("/api/v1/audit/verify?headHash=" + "a".repeat(64)))
                .containsExactly("events");
        assertThat(problemFields("/api/v1/audit/checkpoints?limit=0&cursor=bm9wZQ"))
                .containsExactlyInAnyOrder("limit", "cursor");
    }

    @Test
    void auditorsAndAdministratorsReadCheckpointsAndTheKeyAndNobodyElseDoes() {
        String auditor = tokenFor("AUDITOR");
        String user = tokenFor("USER");
        String enforcer = tokenFor("ENFORCER");

        for (String path : List.of("/api/v1/audit/checkpoints", "/api/v1/audit/checkpoints/key")) {
            api.as(auditor).get(path).expect(200);
            api.asAdmin().get(path).expect(200);
            assertThat(api.as(user).get(path).status()).isEqualTo(403);
            assertThat(api.as(enforcer).get(path).status()).isEqualTo(403);
            assertThat(api.anonymous().get(path).status()).isEqualTo(401);
        }
    }

    @Test
    void anotherInstanceSignsWithTheSameStoredKeyAndOneWithAnotherEncryptionKeyCannotSign() {
        CheckpointKey ours = checkpoints.publicKey();
        var sameKey = new CheckpointSigner(jdbc, cipher, clock, transactions);
        var otherKey = new CheckpointSigner(
                jdbc,
                new SecretCipher(new EncryptionProperties(
                        "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", Path.of("unused.key"))),
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
                new SecretCipher(new EncryptionProperties(
                        "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", Path.of("unused.key"))),
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

    private double refused() {
        return meters.get("countersign.audit.checkpoints.refused").counter().count();
    }

    private JsonNode verify(String query) {
        return api.asAdmin().get("/api/v1/audit/verify" + query).expect(200).json();
    }

    private Set<String> problemFields(String path) {
        var response = api.asAdmin().get(path);
        assertThat(response.status()).as(path).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        Set<String> fields = new HashSet<>();
        response.json()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private String tokenFor(String role) {
        String name = Api.unique("reader");
        api.asAdmin()
                .post("/api/v1/users", Api.json(Map.of("username", name, "email", name + "@example.com", "role", role)))
                .expect(201);
        return api.asAdmin()
                .post("/api/v1/users/" + name + "/tokens", Api.json(Map.of("name", "test")))
                .expect(201)
                .json()
                .get("token")
                .asString();
    }

    private static boolean verifies(PublicKey key, String statement, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(statement.getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(signature);
    }
}
