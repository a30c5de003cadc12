package io.countersign.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 of a text's UTF-8 bytes, as lower-case hex: how bearer and action tokens are stored. */
public final class Sha256 {

    // one digest per thread: every access check hashes its bearer token, and looking up the
    // algorithm's provider cost more than the hash itself
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);

    private Sha256() {}

    public static String hex(String text) {
        // digest() leaves the instance reset for the next call on this thread
        byte[] digest = DIGEST.get().digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
