package io.countersign.shared.secrets;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets for storage with AES-256-GCM. Each value gets a fresh 96-bit nonce; the {@code
 * context} (the owning row) is authenticated too, so a ciphertext copied to another row does not
 * decrypt. Stored form: {@code v1:} followed by base64 of nonce and ciphertext.
 */
@Component
public class SecretCipher {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    static final String MISSING_SHARED_KEY = "Countersign runs on PostgreSQL, whose instances must all encrypt"
            + " stored secrets with the same key, but no key is configured. Set COUNTERSIGN_ENCRYPTION_KEY"
            + " (countersign.encryption-key) to base64 of 32 random bytes, the same on every instance"
            + " (head -c 32 /dev/urandom | base64), or set COUNTERSIGN_ENCRYPTION_KEY_FILE"
            + " (countersign.encryption-key-file) to a file holding it that every instance shares.";

    static final String BOTH_KEYS = "COUNTERSIGN_ENCRYPTION_KEY and COUNTERSIGN_ENCRYPTION_KEY_FILE are both set"
            + " (countersign.encryption-key and countersign.encryption-key-file), so the key is not known:"
            + " set only one of them.";

    private final Path defaultKeyFile;
    private volatile SecretKey key;

    @Autowired
    public SecretCipher(EncryptionProperties properties, Environment environment) {
        this(properties, isShared(environment.getProperty("spring.datasource.url")));
    }

    /** A cipher for the embedded database, where a missing key may be generated. */
    public SecretCipher(EncryptionProperties properties) {
        this(properties, false);
    }

    SecretCipher(EncryptionProperties properties, boolean sharedDatabase) {
        this(properties, sharedDatabase, EncryptionProperties.DEFAULT_KEY_FILE);
    }

    /**
     * On a database that several instances may share, a key generated here would be one no other
     * instance can read: the deliveries they pick up could not be signed. So it must be configured, or
     * come from a file the operator names (and so asserts is shared), and it is read at start. A named
     * file must exist on every database: generating one at a mistyped path would leave the secrets
     * stored under the real key unreadable. Only {@code defaultKeyFile}, on the embedded database, is
     * generated, on first use.
     */
    SecretCipher(EncryptionProperties properties, boolean sharedDatabase, Path defaultKeyFile) {
        this.defaultKeyFile = defaultKeyFile;
        if (properties.hasKey() && properties.hasKeyFile()) {
            // which one the operator meant cannot be told, and the other one may be what stored secrets need
            throw new InvalidConfigurationPropertyValueException(
                    EncryptionKeySource.KEY_FILE_PROPERTY, properties.encryptionKeyFile(), BOTH_KEYS);
        }
        if (properties.hasKey()) {
            this.key = EncryptionKeySource.configured(properties.encryptionKey());
        } else if (properties.hasKeyFile()) {
            this.key = EncryptionKeySource.existingFile(properties.encryptionKeyFile());
        } else if (sharedDatabase) {
            throw new InvalidConfigurationPropertyValueException(
                    EncryptionKeySource.KEY_PROPERTY, HiddenValueFailureAnalyzer.HIDDEN, MISSING_SHARED_KEY);
        }
    }

    static boolean isShared(String databaseUrl) {
        return databaseUrl != null && databaseUrl.trim().startsWith("jdbc:postgresql:");
    }

    public String encrypt(String plain, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a secret", e);
        }
    }

    /** Fails with {@link UndecryptableSecretException} when the key differs from the one that stored the value. */
    public String decrypt(String stored, String context) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new UndecryptableSecretException("the stored secret has an unknown format");
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new UndecryptableSecretException("the stored secret has an unknown format");
        }
        if (in.length <= NONCE_BYTES) {
            throw new UndecryptableSecretException("the stored secret has an unknown format");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(in, NONCE_BYTES), context);
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UndecryptableSecretException(
                    "the stored secret was encrypted with another key than the configured one");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt a secret", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key(), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /**
     * A key for another purpose, derived from the encryption key when one was configured for every
     * instance (empty when the key would only be read or generated on first use): the same on every
     * instance and across restarts, and never the encryption key itself.
     */
    public Optional<byte[]> derivedKey(String purpose) {
        SecretKey configured = key;
        if (configured == null) {
            return Optional.empty();
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(configured.getEncoded(), "HmacSHA256"));
            return Optional.of(mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot derive a key", e);
        }
    }

    /** Resolved on first use so that an installation without webhooks never writes a key file. */
    private SecretKey key() {
        SecretKey current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = EncryptionKeySource.fromFile(defaultKeyFile);
                }
                current = key;
            }
        }
        return current;
    }

    /** The stored value cannot be read with the configured key. */
    public static class UndecryptableSecretException extends RuntimeException {
        UndecryptableSecretException(String message) {
            super(message);
        }
    }
}
