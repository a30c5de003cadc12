package io.countersign.shared.secrets;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key that encrypts stored secrets: base64 of 32 bytes in {@code countersign.encryption-key}
 * ({@code COUNTERSIGN_ENCRYPTION_KEY}). Left unset, a key is generated once into {@code
 * encryptionKeyFile}, next to the embedded database.
 */
@ConfigurationProperties("countersign")
public record EncryptionProperties(
        String encryptionKey,
        @DefaultValue("./data/encryption.key") Path encryptionKeyFile) {}
