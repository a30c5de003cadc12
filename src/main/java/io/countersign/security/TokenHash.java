package io.countersign.security;

import io.countersign.shared.Sha256;

/**
 * Tokens carry 256 random bits, so an unsalted SHA-256 is enough to make a stolen table useless
 * while still allowing lookup by hash.
 */
final class TokenHash {

    private TokenHash() {}

    static String of(String token) {
        return Sha256.hex(token);
    }
}
