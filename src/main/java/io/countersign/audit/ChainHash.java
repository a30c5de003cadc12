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
 *
 * <p>The encoding is versioned and each row names its version, so that rows hashed before a column
 * was added still verify. Version 1 covers the columns up to the note; version 2 adds the
 * justification, ticket, comment and reason. The version string is hashed too, so relabelling a row
 * with another version changes its hash; a version 1 row must hold none of the later columns, as
 * they would not be covered.
 */
final class ChainHash {

    /** The previous hash of the first event, and the head's hash while the log is empty. */
    static final String GENESIS = "0".repeat(64);

    /** The version new events are hashed with. */
    static final int CURRENT_VERSION = 2;

    private static final byte[] V1 = "countersign-audit-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] V2 = "countersign-audit-v2".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();

    private ChainHash() {}

    /**
     * Computes the hash of {@code event} with the encoding its {@code hashVersion} names, ignoring
     * whatever its {@code hash} field holds.
     *
     * @throws IllegalArgumentException for a version this service does not know
     */
    static String of(AuditRecord event) {
        MessageDigest digest = sha256();
        switch (event.hashVersion()) {
            case 1 -> {
                field(digest, V1);
                common(digest, event);
            }
            case 2 -> {
                field(digest, V2);
                common(digest, event);
                field(digest, event.justification());
                field(digest, event.ticket());
                field(digest, event.comment());
                field(digest, event.reason());
            }
            default -> throw new IllegalArgumentException("Unknown audit hash version " + event.hashVersion());
        }
        return HEX.formatHex(digest.digest());
    }

    /** Whether the stored hash is the hash of the row's contents under the version the row names. */
    static boolean matches(AuditRecord event) {
        if (event.hash() == null || !isKnown(event.hashVersion())) {
            return false;
        }
        if (event.hashVersion() == 1 && hasLaterColumns(event)) {
            return false;
        }
        return of(event).equals(event.hash());
    }

    private static boolean isKnown(int version) {
        return version == 1 || version == 2;
    }

    private static boolean hasLaterColumns(AuditRecord event) {
        return event.justification() != null
                || event.ticket() != null
                || event.comment() != null
                || event.reason() != null;
    }

    private static void common(MessageDigest digest, AuditRecord event) {
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
