package io.countersign.audit;

import io.countersign.shared.Timestamps;
import io.countersign.shared.secrets.SealedSecrets;
import io.countersign.shared.secrets.SecretCipher;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signs checkpoints with the one Ed25519 key pair stored in {@code audit_signing_key}, so that every
 * instance signs with the same key. The first instance that needs it generates it; the private half
 * is stored encrypted with the service's encryption key, so an instance that cannot decrypt it
 * cannot sign, rather than signing with a key of its own; it is listed among the stored secrets this
 * instance's key must decrypt.
 */
@Component
class CheckpointSigner implements SealedSecrets {

    static final String ALGORITHM = "Ed25519";
    private static final Logger log = LoggerFactory.getLogger(CheckpointSigner.class);

    private record Loaded(CheckpointKey published, PrivateKey privateKey) {}

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private volatile Loaded loaded;

    CheckpointSigner(JdbcClient jdbc, SecretCipher cipher, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The public key, generating the key pair if no instance has yet. It is published only once this
     * instance has read the private half and checked that the two belong together.
     */
    CheckpointKey publicKey() {
        return key().published();
    }

    @Override
    public String kind() {
        return "audit signing key";
    }

    /** The stored private half, still encrypted; none before the first checkpoint generates it. */
    @Override
    public List<Sealed> sealedSecrets() {
        return stored().map(row -> new Sealed(context(row.keyId()), row.privateKey())).stream()
                .toList();
    }

    /** Base64 of the signature of {@code statement}. */
    String sign(byte[] statement) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key().privateKey());
            signer.update(statement);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign an audit checkpoint", e);
        }
    }

    private Loaded key() {
        Loaded current = loaded;
        if (current == null) {
            synchronized (this) {
                if (loaded == null) {
                    loaded = load();
                }
                current = loaded;
            }
        }
        return current;
    }

    private Loaded load() {
        StoredKey row = stored().orElseGet(this::generate);
        try {
            PublicKey publicKey = KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(row.publicKey())));
            String privateKey = cipher.decrypt(row.privateKey(), context(row.keyId()));
            PrivateKey key = KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey)));
            checkPair(key, publicKey);
            return new Loaded(published(row.publicKey()), key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The stored audit signing key cannot be read", e);
        }
    }

    private Optional<StoredKey> stored() {
        return jdbc.sql("select key_id, public_key, private_key from audit_signing_key where id = 1")
                .query((rs, row) -> new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    /** Generates and stores a key pair; when another instance stored one first, that one is used. */
    private StoredKey generate() {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java 17 runtime provides Ed25519", e);
        }
        String publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        String keyId = keyId(publicKey);
        String privateKey = cipher.encrypt(
                Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()), context(keyId));
        try {
            ownTransaction.executeWithoutResult(tx -> jdbc.sql("""
                            insert into audit_signing_key (id, key_id, algorithm, public_key, private_key, created_at)
                            values (1, ?, ?, ?, ?, ?)""")
                    .params(keyId, ALGORITHM, publicKey, privateKey, Timestamps.toDb(clock.instant()))
                    .update());
            log.info("Generated the key that signs audit checkpoints, {} {}", ALGORITHM, keyId);
        } catch (DuplicateKeyException raced) {
            // another instance stored its key first; every instance must sign with that one
        }
        return stored().orElseThrow();
    }

    private static void checkPair(PrivateKey privateKey, PublicKey publicKey) throws GeneralSecurityException {
        byte[] probe = "countersign-audit-signing-key-check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(ALGORITHM);
        signer.initSign(privateKey);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(ALGORITHM);
        verifier.initVerify(publicKey);
        verifier.update(probe);
        if (!verifier.verify(signature)) {
            throw new IllegalStateException("The stored audit signing key's halves do not belong together");
        }
    }

    private static CheckpointKey published(String publicKey) {
        return new CheckpointKey(keyId(publicKey), ALGORITHM, publicKey);
    }

    static String keyId(String publicKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Base64.getDecoder().decode(publicKey));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }

    /** Binds the ciphertext to this key's row, so that it cannot be swapped with another value. */
    private static String context(String keyId) {
        return "audit_signing_key:" + keyId;
    }

    private record StoredKey(String keyId, String publicKey, String privateKey) {}
}
