package io.countersign.request;

import io.countersign.shared.Sha256;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The text of an action token: 160 random bits as 32 lower-case base32 characters (a-z, 2-7), so
 * that a mail system folding the case of an address's local part ({@code approvals+<token>@…}) cannot
 * change it. Only its SHA-256 is stored; 160 random bits need no salt to make a stolen table useless.
 */
final class ActionTokenText {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int BYTES = 20;
    private static final Pattern SHAPE = Pattern.compile("[a-z2-7]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ActionTokenText() {}

    static String random() {
        byte[] bits = new byte[BYTES];
        RANDOM.nextBytes(bits);
        StringBuilder text = new StringBuilder(32);
        // 20 bytes are 160 bits, exactly 32 groups of five
        int buffer = 0;
        int held = 0;
        for (byte b : bits) {
            buffer = (buffer << 8) | (b & 0xff);
            held += 8;
            while (held >= 5) {
                text.append(ALPHABET[(buffer >>> (held - 5)) & 31]);
                held -= 5;
            }
        }
        return text.toString();
    }

    /** Whether the text can be a token at all; anything else is unknown without a database lookup. */
    static boolean wellFormed(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    static String hash(String token) {
        return Sha256.hex(token);
    }
}
