package io.countersign.shared.secrets;

import java.util.List;

/**
 * Implemented by each module that stores secrets with {@link SecretCipher}: lists them still sealed,
 * so that the health component {@code secrets} and the warning at start can tell whether this
 * instance's key reads them all.
 */
public interface SealedSecrets {

    /** What these secrets are, as an operator reads it in a warning ({@code webhook secret}). */
    String kind();

    List<Sealed> sealedSecrets();

    /** A stored ciphertext and the context it was sealed under. */
    record Sealed(String context, String ciphertext) {}
}
