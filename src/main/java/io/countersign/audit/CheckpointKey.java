package io.countersign.audit;

import java.util.Base64;

/**
 * The public half of the key that signs checkpoints, for anyone who verifies them outside
 * Countersign. {@code publicKey} is base64 of the X.509 SubjectPublicKeyInfo (DER) encoding, which
 * Java's {@code X509EncodedKeySpec} and OpenSSL read; {@code keyId} is the first 16 hexadecimal
 * digits of its SHA-256.
 */
public record CheckpointKey(String keyId, String algorithm, String publicKey) {

    /** The same key as a PEM block, for {@code openssl pkeyutl -verify -pubin -inkey}. */
    public String pem() {
        String wrapped = Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(Base64.getDecoder().decode(publicKey));
        return "-----BEGIN PUBLIC KEY-----\n" + wrapped + "\n-----END PUBLIC KEY-----\n";
    }
}
