package io.countersign.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash of one audit event: SHA-256 over the previous event's hash and every other column, in a
 * fixed order. Each value is length-prefixed so that no two different rows share an encoding
 * ({@code "ab","c"} differs from {@code "a","bc"}), and null is encoded apart from the empty string.
 * The encoding is versioned; changing it would invalidate every stored hash.
 */
final class ChainHash {

    /** The previous hash of the first event, and the head's hash while the log is empty. */
    static final String GENESIS = "0".repeat(64);

    private static final byte[] VERSION = "countersign-audit-v1".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();

    private ChainHash() {}

    /** Computes the hash of {@code event}, ignoring whatever its {@code hash} field holds. */
    static String of(AuditRecord event) {
        MessageDigest digest = sha256();
        field(digest, VERSION);
        field(digest, event.previousHash());
        field(digest, Long.toString(event.id()));
        field(digest, instant(event.occurredAt()));
        field(digest, event.actor());
        field(digest, event.actorRole());
        field(digest, event.channel());
        field(digest, event.sourceAddress());
        field(digest, event.action());
        field(digest, event.target());
        field(digest, event.requestId());
        field(digest, event.grantId());
        field(digest, event.note());
        return HEX.formatHex(digest.digest());
    }

    static boolean matches(AuditRecord event) {
        return event.hash() != null && of(event).equals(event.hash());
    }

    /** Seconds and nanoseconds in full, so that any change of the stored time changes the hash. */
    private static String instant(Instant value) {
        return value == null ? null : value.getEpochSecond() + "." + String.format("%09d", value.getNano());
    }

    private static void field(MessageDigest digest, String value) {
        if (value == null) {
            digest.update((byte) 'N');
            return;
        }
        field(digest, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(MessageDigest digest, byte[] bytes) {
        digest.update((byte) 'S');
        digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
