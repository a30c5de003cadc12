package io.countersign.shared.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.database.BoundedDatabaseCalls;
import io.countersign.shared.database.DatabaseCallProperties;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * An instance started with another key than the one that stored its secrets says so once at start:
 * how many it cannot decrypt, of which kinds, and what stops working; never a secret itself.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnreadableSecretsWarningTests {

    private static final SecretCipher OURS = cipher("this-instance-key-of-32-bytes-00");
    private static final SecretCipher ANOTHER = cipher("another-instance-key-of-32-bytes");

    private final BoundedDatabaseCalls calls =
            new BoundedDatabaseCalls(new DatabaseCallProperties(Duration.ofSeconds(5), 1, 1, Duration.ZERO));

    @AfterEach
    void stop() throws Exception {
        calls.destroy();
    }

    @Test
    void secretsStoredWithAnotherKeyAreCountedByKindInOneWarning(CapturedOutput output) {
        var webhooks = store(
                "webhook secret",
                sealed(ANOTHER, "whsec-first-0123456789", "w1"),
                sealed(ANOTHER, "whsec-second-0123456789", "w2"),
                sealed(OURS, "whsec-third-0123456789", "w3"));
        var signingKey = store("audit signing key", sealed(ANOTHER, "private-key-material-0123", "k1"));

        new UnreadableSecretsWarning(new StoredSecrets(OURS, List.of(webhooks, signingKey), calls)).warn();

        List<String> warnings =
                output.getOut().lines().filter(line -> line.contains(" WARN ")).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0))
                .contains("3 of 4 stored secrets cannot be decrypted")
                .contains("COUNTERSIGN_ENCRYPTION_KEY")
                .contains("audit signing key: 1", "webhook secret: 2")
                .contains("webhook deliveries", "checkpoints");
        assertThat(output.getAll()).doesNotContain("whsec-").doesNotContain("private-key-material");
    }

    @Test
    void secretsThisKeyReadsWarnOfNothing(CapturedOutput output) {
        var webhooks = store("webhook secret", sealed(OURS, "whsec-first-0123456789", "w1"));

        new UnreadableSecretsWarning(new StoredSecrets(OURS, List.of(webhooks), calls)).warn();

        assertThat(output.getOut()).doesNotContain(" WARN ");
    }

    private static SealedSecrets store(String kind, SealedSecrets.Sealed... sealed) {
        return new SealedSecrets() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public List<Sealed> sealedSecrets() {
                return List.of(sealed);
            }
        };
    }

    private static SealedSecrets.Sealed sealed(SecretCipher cipher, String secret, String context) {
        return new SealedSecrets.Sealed(context, cipher.encrypt(secret, context));
    }

    private static SecretCipher cipher(String key) {
        return new SecretCipher(new EncryptionProperties(Base64.getEncoder().encodeToString(key.getBytes()), null));
    }
}
