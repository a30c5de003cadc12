package io.countersign.directory;

import java.security.SecureRandom;

/**
 * The internal, immutable id of a user, such as {@code usr-4k9d2m7qz8xw3hpa}: 16 characters of a
 * 32-letter alphabet, 80 random bits, so that an id is never reused even when a username is.
 */
final class UserIds {

    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int LENGTH = 16;

    private UserIds() {}

    static String next() {
        char[] out = new char[LENGTH];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return "usr-" + new String(out);
    }
}
