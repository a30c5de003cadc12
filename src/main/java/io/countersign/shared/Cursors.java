package io.countersign.shared;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals page cursors so that a list reads back only the cursors it handed out. A cursor is the page
 * position in base64url, a dot, and an HMAC-SHA256 tag over the list's name and that text: another
 * list's cursor, a position edited by hand or a made-up one fails the tag and is refused as {@code
 * invalid_cursor} before anything reads it. The key comes from the encryption key where one is set
 * for every instance ({@code CursorKey}), so a cursor is good on any instance and after a restart;
 * without one, each process draws its own and cursors last until it stops.
 */
public final class Cursors {

    private static final int TAG_BYTES = 16;
    private static final int MAX_LENGTH = 600;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private static volatile SecretKeySpec key = new SecretKeySpec(random(), "HmacSHA256");

    private Cursors() {}

    static void useKey(byte[] secret) {
        key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** The cursor that {@link #open} with the same {@code list} turns back into {@code position}. */
    public static String seal(String list, String position) {
        String body = ENCODER.encodeToString(position.getBytes(StandardCharsets.UTF_8));
        return body + "." + ENCODER.encodeToString(tag(list, body));
    }

    /** The position sealed for this list, or empty when the cursor is not one it handed out. */
    public static Optional<String> open(String list, String cursor) {
        if (cursor == null || cursor.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int dot = cursor.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String body = cursor.substring(0, dot);
        try {
            byte[] given = DECODER.decode(cursor.substring(dot + 1));
            if (!MessageDigest.isEqual(given, tag(list, body))) {
                return Optional.empty();
            }
            return Optional.of(new String(DECODER.decode(body), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static byte[] tag(String list, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(list.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Arrays.copyOf(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] random() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }
}
