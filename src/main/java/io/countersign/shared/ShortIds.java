package io.countersign.shared;

import java.security.SecureRandom;

/**
 * Readable, unguessable ids such as {@code req-84a2c1f9kq7mzx3e}: a prefix and 16 base-32 characters,
 * 80 random bits, so that an id cannot be guessed or enumerated. Ids stored before carried 8
 * characters; they stay valid.
 */
public final class ShortIds {

    /** Characters of an id made now. */
    public static final int LENGTH = 16;
    /** Characters of an id made by earlier versions, still stored and still accepted. */
    public static final int LEGACY_LENGTH = 8;

    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ShortIds() {}

    public static String next(String prefix) {
        char[] out = new char[LENGTH];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return prefix + "-" + new String(out);
    }

    /** True for an id with this prefix in the current form or the earlier 8-character one. */
    public static boolean looksLike(String prefix, String candidate) {
        if (candidate == null || !candidate.startsWith(prefix + "-")) {
            return false;
        }
        int length = candidate.length() - prefix.length() - 1;
        if (length != LENGTH && length != LEGACY_LENGTH) {
            return false;
        }
        for (int i = prefix.length() + 1; i < candidate.length(); i++) {
            if (ALPHABET.indexOf(candidate.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
