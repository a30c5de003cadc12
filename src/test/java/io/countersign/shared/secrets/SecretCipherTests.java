package io.countersign.shared.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

class SecretCipherTests {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    static final String OTHER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @TempDir
    Path dir;

    @Test
    void aSecretComesBackOnlyWithTheSameKeyAndContext() {
        SecretCipher cipher = configured(KEY);

        String stored = cipher.encrypt("my-webhook-secret-123", "webhook-secret:wh-1:1");

        assertThat(stored).startsWith("v1:").doesNotContain("my-webhook-secret-123");
        assertThat(cipher.decrypt(stored, "webhook-secret:wh-1:1")).isEqualTo("my-webhook-secret-123");
        assertThatThrownBy(() -> cipher.decrypt(stored, "webhook-secret:wh-2:1"))
                .isInstanceOf(SecretCipher.UndecryptableSecretException.class);
        assertThatThrownBy(() -> configured(OTHER_KEY).decrypt(stored, "webhook-secret:wh-1:1"))
                .isInstanceOf(SecretCipher.UndecryptableSecretException.class)
                .hasMessageContaining("another key");
    }

    @Test
    void encryptingTheSameSecretTwiceGivesDifferentCiphertexts() {
        SecretCipher cipher = configured(KEY);

        assertThat(cipher.encrypt("same-secret-0123456", "c")).isNotEqualTo(cipher.encrypt("same-secret-0123456", "c"));
    }

    @Test
    void withoutAConfiguredKeyOneIsGeneratedOnceIntoAFileOnlyItsOwnerCanRead() throws Exception {
        Path file = dir.resolve("data/encryption.key");
        SecretCipher first = new SecretCipher(new EncryptionProperties(null, null), false, file);
        assertThat(file).doesNotExist();

        String stored = first.encrypt("generated-key-secret", "c");

        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32);
        SecretCipher restarted = new SecretCipher(new EncryptionProperties("", null), false, file);
        assertThat(restarted.decrypt(stored, "c")).isEqualTo("generated-key-secret");
    }

    @Test
    void onTheEmbeddedDatabaseANamedKeyFileMustExistAndIsNeverCreated() {
        Path typo = dir.resolve("mistyped/encryption.key");
        Path generated = dir.resolve("data/encryption.key");

        assertThatThrownBy(() -> new SecretCipher(new EncryptionProperties(null, typo), false, generated))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasFieldOrPropertyWithValue("name", EncryptionKeySource.KEY_FILE_PROPERTY)
                .hasMessageContaining("COUNTERSIGN_ENCRYPTION_KEY_FILE")
                .hasMessageContaining("does not exist");
        assertThat(typo.getParent()).doesNotExist();
        assertThat(generated).doesNotExist();
    }

    @Test
    void aKeyAndAKeyFileTogetherStopTheStartNamingBoth() throws Exception {
        Path missing = dir.resolve("missing.key");
        Path present = dir.resolve("present.key");
        Files.writeString(present, KEY + "\n");

        for (Path file : new Path[] {missing, present}) {
            for (boolean shared : new boolean[] {false, true}) {
                assertThatThrownBy(() -> new SecretCipher(new EncryptionProperties(KEY, file), shared))
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasFieldOrPropertyWithValue("name", EncryptionKeySource.KEY_FILE_PROPERTY)
                        .hasMessageContaining(
                                "COUNTERSIGN_ENCRYPTION_KEY and COUNTERSIGN_ENCRYPTION_KEY_FILE are both set")
                        .hasMessageNotContaining(KEY);
            }
        }
        assertThat(missing).doesNotExist();
    }

    @Test
    void onTheEmbeddedDatabaseANamedKeyFileIsReadAtStart() throws Exception {
        Path file = dir.resolve("mounted.key");
        Files.writeString(file, OTHER_KEY + "\n");
        String stored = configured(OTHER_KEY).encrypt("named-file-secret", "c");

        SecretCipher cipher = new SecretCipher(new EncryptionProperties(null, file));

        assertThat(cipher.derivedKey("p")).as("read at start, not on first use").isPresent();
        assertThat(cipher.decrypt(stored, "c")).isEqualTo("named-file-secret");
    }

    @Test
    void aConfiguredKeyWritesNoFile() {
        Path file = dir.resolve("data/encryption.key");
        SecretCipher cipher = new SecretCipher(new EncryptionProperties(KEY, null), false, file);

        cipher.encrypt("configured-key-secret", "c");

        assertThat(file).doesNotExist();
    }

    @Test
    void aMalformedKeyIsRefusedAtStartWithoutShowingIt() {
        assertThatThrownBy(() -> configured("not-base64-at-all!"))
                .isInstanceOfSatisfying(
                        InvalidConfigurationPropertyValueException.class,
                        e -> assertThat(e.getValue()).isEqualTo(HiddenValueFailureAnalyzer.HIDDEN))
                .hasMessageContaining("COUNTERSIGN_ENCRYPTION_KEY is not valid base64")
                .hasMessageNotContaining("not-base64-at-all!");
        String tooShort = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> configured(tooShort))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("base64 of 16 bytes where 32 are needed")
                .hasMessageNotContaining(tooShort);
    }

    @Test
    void aKeyFileThatHoldsNoKeyIsRefusedAtStartNamingTheFile() throws Exception {
        Path file = dir.resolve("shared.key");
        Files.writeString(file, "secret-but-no-key\n");

        assertThatThrownBy(() -> new SecretCipher(new EncryptionProperties(null, file), true))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("countersign.encryption-key-file")
                .hasMessageContaining("COUNTERSIGN_ENCRYPTION_KEY_FILE names, is not valid base64")
                .hasMessageNotContaining("secret-but-no-key");
    }

    @Test
    void aKeyFileWithABomIsRefusedAtStartWithoutShowingIt() throws Exception {
        Path file = dir.resolve("shared.key");
        Files.writeString(file, "\uFEFF" + OTHER_KEY + "\n");

        assertThatThrownBy(() -> new SecretCipher(new EncryptionProperties(null, file), true))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("COUNTERSIGN_ENCRYPTION_KEY_FILE names, holds characters that are not ASCII")
                .hasMessageNotContaining(OTHER_KEY);
    }

    @Test
    void aKeyFileThatIsADirectoryIsRefusedAtStartAsNotAFile() {
        assertThatThrownBy(() -> new SecretCipher(new EncryptionProperties(null, dir), true))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("which COUNTERSIGN_ENCRYPTION_KEY_FILE names, is not a file")
                .hasMessageNotContaining("does not exist");
    }

    private SecretCipher configured(String key) {
        return new SecretCipher(new EncryptionProperties(key, null), false, dir.resolve("unused.key"));
    }

    @Test
    void onASharedDatabaseAMissingKeyIsRefusedAtStartWithWhatToSet() {
        Path file = dir.resolve("data/encryption.key");

        assertThatThrownBy(() -> new SecretCipher(new EncryptionProperties(null, null), true))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("COUNTERSIGN_ENCRYPTION_KEY")
                .hasMessageContaining("countersign.encryption-key-file");
        assertThatThrownBy(() -> new SecretCipher(new EncryptionProperties("", file), true))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("does not exist");
        assertThat(file).doesNotExist();
    }

    @Test
    void onASharedDatabaseANamedKeyFileIsReadAtStart() throws Exception {
        Path file = dir.resolve("shared.key");
        Files.writeString(file, OTHER_KEY + "\n");
        String stored = configured(OTHER_KEY).encrypt("shared-file-secret", "c");

        SecretCipher cipher = new SecretCipher(new EncryptionProperties(null, file), true);

        assertThat(cipher.decrypt(stored, "c")).isEqualTo("shared-file-secret");
        assertThat(new SecretCipher(new EncryptionProperties(KEY, null), true).encrypt("x", "c"))
                .startsWith("v1:");
    }

    @Test
    void onlyPostgresqlUrlsCountAsASharedDatabase() {
        assertThat(SecretCipher.isShared("jdbc:postgresql://db:5432/countersign"))
                .isTrue();
        assertThat(SecretCipher.isShared("jdbc:h2:file:./data/countersign;MODE=PostgreSQL"))
                .isFalse();
        assertThat(SecretCipher.isShared(null)).isFalse();
    }

    @Test
    void aGarbledStoredValueIsUndecryptableNotACrash() {
        assertThatThrownBy(() -> configured(KEY).decrypt("v1:%%%", "c"))
                .isInstanceOf(SecretCipher.UndecryptableSecretException.class);
        assertThatThrownBy(() -> configured(KEY).decrypt("v1:AAAA", "c"))
                .isInstanceOf(SecretCipher.UndecryptableSecretException.class);
    }
}
