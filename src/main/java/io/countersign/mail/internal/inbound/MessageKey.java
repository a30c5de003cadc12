package io.countersign.mail.internal.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What identifies a message across readings: its Message-ID, or for a message without one, all of
 * its headers (which include the servers' Received lines and so differ between two sendings).
 * Hashed, so that the key has a fixed length whatever the message holds.
 */
final class MessageKey {

    private MessageKey() {}

    static String of(String messageId, String allHeaders) {
        return sha256(messageId != null ? "id:" + messageId : "headers:" + allHeaders);
    }

    private static String sha256(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
