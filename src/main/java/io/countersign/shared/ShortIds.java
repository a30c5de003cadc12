package io.countersign.shared;

import java.security.SecureRandom;

/** Short, readable, unguessable ids such as {@code req-84a2c1f9}: a prefix and 8 base-32 characters. */
public final class ShortIds {

    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ShortIds() {}

    public static String next(String prefix) {
        char[] out = new char[8];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return prefix + "-" + new String(out);
    }

    public static boolean looksLike(String prefix, String candidate) {
        if (candidate == null || candidate.length() != prefix.length() + 9 || !candidate.startsWith(prefix + "-")) {
            return false;
        }
        for (int i = prefix.length() + 1; i < candidate.length(); i++) {
            if (new String(ALPHABET).indexOf(candidate.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
