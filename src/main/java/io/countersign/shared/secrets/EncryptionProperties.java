package io.countersign.shared.secrets;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The key that encrypts stored secrets: base64 of 32 bytes in {@code countersign.encryption-key}
 * ({@code COUNTERSIGN_ENCRYPTION_KEY}), or a file holding it in {@code countersign.encryption-key-file}
 * ({@code COUNTERSIGN_ENCRYPTION_KEY_FILE}), which must exist; not both. On the embedded database, with neither
 * set, a key is generated once into {@link #DEFAULT_KEY_FILE}; on PostgreSQL one of them must be set,
 * because instances sharing the database must share the key.
 *
 * @param encryptionKey base64 of 32 bytes that encrypts stored secrets (webhook secrets); the same on
 *     every instance; back it up with the database. Embedded database: generated into
 *     ./data/encryption.key when unset; PostgreSQL: this or the key file is required
 * @param encryptionKeyFile a file holding the key instead (a mounted secret); it must exist, on every
 *     database (a missing one stops the start; only the embedded database's default file is generated);
 *     on PostgreSQL every instance must share it; set only one of the key and the key file (both stop the
 *     start)
 */
@ConfigurationProperties("countersign")
public record EncryptionProperties(String encryptionKey, Path encryptionKeyFile) {

    public static final Path DEFAULT_KEY_FILE = Path.of("./data/encryption.key");

    boolean hasKey() {
        return encryptionKey != null && !encryptionKey.isBlank();
    }

    boolean hasKeyFile() {
        return encryptionKeyFile != null && !encryptionKeyFile.toString().isBlank();
    }
}
